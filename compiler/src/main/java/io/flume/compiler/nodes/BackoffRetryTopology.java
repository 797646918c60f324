package io.flume.compiler.nodes;

import io.flume.compiler.CompileException;
import io.flume.runtime.envelope.Envelope;
import io.flume.schema.Node;
import java.util.List;
import org.apache.kafka.streams.kstream.KStream;

/**
 * {@code retry} with {@code backoff} in a topology: non-blocking retries through a retry topic
 * and a state store.
 */
// TODO: placeholder until the retry-topic implementation lands; it rejects the node at compile time.
final class BackoffRetryTopology {

    private BackoffRetryTopology() {
    }

    static <T> KStream<Object, Envelope<T>> compile(TopologyBuild<T> build, Node node, KStream<Object, Envelope<T>> in) {
        throw new CompileException(List.of(node.positionOf("backoff") + ": " + node.path()
                + ": retry with backoff is not compiled yet; remove the backoff to retry at once in the stream thread"));
    }
}
