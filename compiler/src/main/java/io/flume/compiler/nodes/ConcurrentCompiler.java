package io.flume.compiler.nodes;

import io.flume.compiler.CompileException;
import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.inline.Step;
import io.flume.schema.Node;
import java.util.List;
import org.apache.kafka.streams.kstream.KStream;

/**
 * {@code concurrent} without a reducer: each child runs on its own copy, the record continues
 * unchanged, and a child's failure goes to the dead-letter topic on its own.
 */
final class ConcurrentCompiler implements NodeCompiler {

    @Override
    public <T> KStream<Object, Envelope<T>> topology(TopologyBuild<T> build, Node node, KStream<Object, Envelope<T>> in) {
        rejectReducer(node);
        return FanOut.topology(build, node, in, build::endLine);
    }

    @Override
    public <T> Step<T> inline(InlineBuild<T> build, Node node) {
        rejectReducer(node);
        return FanOut.inline(build, node, (execution, failure) -> execution.childFailed(failure.failure()));
    }

    private static void rejectReducer(Node node) {
        if (node.reducer() != null) {
            throw new CompileException(List.of(node.positionOf("reducer") + ": " + node.path()
                    + ": concurrent with a reducer ('" + node.reducer() + "') is not compiled by this version yet;"
                    + " remove the reducer to fan out without merging, or wait for gather support"));
        }
    }
}
