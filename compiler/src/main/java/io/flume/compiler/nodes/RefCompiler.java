package io.flume.compiler.nodes;

import io.flume.api.Cloner;
import io.flume.api.Processor;
import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.inline.Step;
import io.flume.runtime.inline.StepFailedException;
import io.flume.runtime.metrics.NodeCounters;
import io.flume.runtime.processors.NodeId;
import io.flume.runtime.processors.RefProcessor;
import io.flume.schema.Node;
import java.time.Instant;

/** {@code ref: NAME}: one processor, named after the node, running the registered processor. */
final class RefCompiler implements NodeCompiler {

    @Override
    public <T> Line topology(TopologyBuild<T> build, Node node, Line in) {
        Processor<T> processor = Components.processor(build.flume(), node);
        NodeId id = build.id(node);
        Cloner<T> cloner = build.flume().cloner();
        NodeCounters counters = build.counters(node);
        return build.process(in, id.name(), () -> new RefProcessor<>(id, node.ref(), processor, cloner, counters));
    }

    @Override
    public <T> Step<T> inline(InlineBuild<T> build, Node node) {
        Processor<T> processor = Components.processor(build.flume(), node);
        NodeId id = build.id(node);
        Cloner<T> cloner = build.flume().cloner();
        String name = node.ref();
        return (execution, value) -> {
            T snapshot = cloner.copy(value);
            try {
                T result = processor.process(execution.contextFor(id), value);
                if (result == null) {
                    throw new IllegalStateException("processor '" + name
                            + "' returned null; return the value to continue, or throw to fail the record");
                }
                return result;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new StepFailedException(new NodeFailure(e, id.name(), id.path(), 1, Instant.now(), snapshot));
            }
        };
    }
}
