package io.flume.compiler.nodes;

import io.flume.api.Cloner;
import io.flume.api.ErrorHandler;
import io.flume.runtime.inline.Step;
import io.flume.runtime.inline.StepFailedException;
import io.flume.runtime.processors.ErrorHandlerCall;
import io.flume.runtime.processors.ErrorHandlerProcessor;
import io.flume.runtime.processors.NodeId;
import io.flume.schema.Node;

/**
 * {@code handle}: runs the child; when it fails, the registered error handler recovers the
 * record (it continues with the value the handler returns) or fails it again at this node, as
 * {@link ErrorHandlerCall} describes.
 */
final class HandleCompiler implements NodeCompiler {

    static final String FAILURE_BRANCH = "handle";

    @Override
    public <T> Line topology(TopologyBuild<T> build, Node node, Line in) {
        ErrorHandler<T> handler = Components.errorHandler(build.flume(), node);
        NodeId id = build.id(node);
        String handlerName = node.errorHandler();
        var counters = build.counters(node);
        return Guarded.topology(build, node, node.child(), FAILURE_BRANCH, failed -> build.process(failed,
                id.name() + ".error-handler", () -> new ErrorHandlerProcessor<>(id, handlerName, handler, counters)), in);
    }

    @Override
    public <T> Step<T> inline(InlineBuild<T> build, Node node) {
        ErrorHandler<T> handler = Components.errorHandler(build.flume(), node);
        NodeId id = build.id(node);
        String handlerName = node.errorHandler();
        Cloner<T> cloner = build.flume().cloner();
        Step<T> child = build.compile(node.child());
        return (execution, value) -> {
            T saved = cloner.copy(value);
            try {
                return child.apply(execution, value);
            } catch (StepFailedException e) {
                ErrorHandlerCall.Outcome<T> outcome = ErrorHandlerCall.call(handler, handlerName, id, e.failure(), saved);
                if (outcome.recovered()) {
                    return outcome.value();
                }
                throw new StepFailedException(outcome.failure());
            }
        };
    }
}
