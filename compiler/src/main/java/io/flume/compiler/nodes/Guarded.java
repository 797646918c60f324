package io.flume.compiler.nodes;

import io.flume.runtime.processors.EnterProcessor;
import io.flume.runtime.processors.LeaveProcessor;
import io.flume.schema.Node;
import io.flume.runtime.routing.Routes;
import java.util.function.UnaryOperator;

/**
 * The shared topology shape of {@code fallback} and {@code handle}: an entry that saves the
 * input ({@code NODE.enter}), the guarded child, then a routing processor ({@code NODE.branch})
 * that sends the records that failed inside the node to the outlet {@code FAILURE}, handled by
 * {@code onFailure}, and everything else to the outlet {@code pass}, which leaves the node
 * ({@code NODE.leave}). Both lines continue after the node.
 *
 * <p>A record that arrived already failed saved nothing, so it takes the pass outlet and keeps
 * its failure: a node only handles failures that happened inside it.
 */
final class Guarded {

    static final String PASS = "pass";

    private Guarded() {
    }

    static <T> Line topology(TopologyBuild<T> build, Node node, Node child, String failureBranch, UnaryOperator<Line> onFailure,
                             Line in) {
        String name = build.name(node);
        Line entered = enter(build, node, in);
        Line afterChild = build.compile(child, entered);

        Routes outlets = build.route(afterChild, name + ".branch",
                envelope -> envelope.isFailed() && envelope.isInside(name) ? failureBranch : PASS);
        Line handled = onFailure.apply(Line.routed(outlets, failureBranch));
        Line passed = leave(build, name, Line.routed(outlets, PASS));
        return passed.join(handled);
    }

    /** Appends the processor that saves a healthy record's input in a frame named after the node. */
    static <T> Line enter(TopologyBuild<T> build, Node node, Line in) {
        String name = build.name(node);
        var cloner = build.flume().cloner();
        return build.process(in, name + ".enter", () -> new EnterProcessor<>(name, cloner));
    }

    /** Appends the processor that drops the node's frame, for records the node lets pass. */
    static <T> Line leave(TopologyBuild<T> build, String name, Line line) {
        return build.process(line, name + ".leave", () -> new LeaveProcessor<T>(name));
    }
}
