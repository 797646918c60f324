package io.flume.compiler.nodes;

import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.inline.Step;
import io.flume.runtime.inline.StepFailedException;
import io.flume.runtime.live.Parameter;
import io.flume.runtime.processors.DecisionProcessor;
import io.flume.runtime.processors.NodeId;
import io.flume.runtime.processors.RouteFunction;
import io.flume.runtime.routing.Routes;
import io.flume.schema.Node;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The shared shape of {@code filter} and {@code switch}: one routing processor
 * ({@code NODE.decide}) that stores the chosen route in the envelope and forwards the record to
 * that route's branch, or to the outlet {@code pass} when the route has no branch or the record
 * has failed. Whatever follows the node takes the ends of the branches and {@code pass} as its
 * parents, so no processor merges them.
 *
 * <p>Routes are identified by labels: {@code then} and {@code else} for a filter,
 * {@code routes.KEY} and {@code default} for a switch. A route function returns a label, or a
 * label without a branch (a filter's {@code else} when there is none) to pass the record through.
 */
final class Routing {

    /** The live parameter of a filter or switch: the function of its predicate or condition. */
    record Decision<T>(RouteFunction<T> function) {
    }

    private Routing() {
    }

    static <T> Line topology(TopologyBuild<T> build, Node node, RouteFunction<T> routeFunction, Map<String, Node> routes,
                             Line in) {
        String name = build.name(node);
        NodeId id = build.id(node);
        var counters = build.counters(node);
        Parameter<Decision<T>> decision = build.live(node, new Decision<>(routeFunction));
        RouteFunction<T> current = value -> decision.get().function().route(value);
        Set<String> branches = routes.keySet();
        Routes outlets = build.addRouter(in, name + ".decide",
                table -> () -> new DecisionProcessor<>(id, current, counters, branches, table));

        Line out = Line.routed(outlets, DecisionProcessor.PASS);
        for (Map.Entry<String, Node> route : routes.entrySet()) {
            out = out.join(build.compile(route.getValue(), Line.routed(outlets, route.getKey())));
        }
        return out;
    }

    static <T> Step<T> inline(InlineBuild<T> build, Node node, RouteFunction<T> routeFunction, Map<String, Node> routes) {
        NodeId id = build.id(node);
        Parameter<Decision<T>> decision = build.live(node, new Decision<>(routeFunction));
        Map<String, Step<T>> steps = new LinkedHashMap<>();
        routes.forEach((label, child) -> steps.put(label, build.compile(child)));
        return (execution, value) -> {
            String label;
            try {
                label = decision.get().function().route(value);
            } catch (Exception e) {
                throw new StepFailedException(new NodeFailure(e, id.name(), id.path(), 1, Instant.now(), value));
            }
            Step<T> step = label == null ? null : steps.get(label);
            return step == null ? value : step.apply(execution, value);
        };
    }
}
