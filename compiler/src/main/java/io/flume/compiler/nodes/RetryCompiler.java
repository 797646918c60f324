package io.flume.compiler.nodes;

import io.flume.compiler.CompileException;
import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.inline.Step;
import io.flume.schema.Node;
import java.util.List;
import org.apache.kafka.streams.kstream.KStream;

/**
 * {@code retry}. TEMPORARY on branch {@code failover}: compiles only {@code retry} with
 * {@code backoff}; the {@code RetryCompiler} of branch {@code inline} replaces this class and
 * calls {@link BackoffRetryTopology#compile} and {@link BackoffRetryInline#compile} when
 * {@code node.backoff() != null}.
 */
final class RetryCompiler implements NodeCompiler {

    @Override
    public <T> KStream<Object, Envelope<T>> topology(TopologyBuild<T> build, Node node, KStream<Object, Envelope<T>> in) {
        requireBackoff(node);
        return BackoffRetryTopology.compile(build, node, in);
    }

    @Override
    public <T> Step<T> inline(InlineBuild<T> build, Node node) {
        requireBackoff(node);
        return BackoffRetryInline.compile(build, node);
    }

    private static void requireBackoff(Node node) {
        if (node.backoff() == null) {
            throw new CompileException(List.of(node.position() + ": " + node.path()
                    + ": retry without backoff is not compiled on this branch yet; add a backoff"));
        }
    }
}
