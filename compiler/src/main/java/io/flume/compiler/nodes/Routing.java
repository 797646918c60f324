package io.flume.compiler.nodes;

import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.inline.Step;
import io.flume.runtime.inline.StepFailedException;
import io.flume.runtime.live.Parameter;
import io.flume.runtime.processors.DecisionProcessor;
import io.flume.runtime.processors.NodeId;
import io.flume.runtime.processors.RouteFunction;
import io.flume.schema.Node;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.BranchedKStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The shared shape of {@code filter} and {@code switch}: a decision node that stores the chosen
 * route in the envelope, then {@code split()} with one branch per route and a default branch that
 * passes the other records through, failed ones included; the branches are merged back.
 *
 * <p>Failed envelopes share the default branch instead of taking one of their own, because
 * {@code StreamsBuilder.build()} visits a node once per path to it, and every extra branch
 * multiplies the paths through each later node of the sequence.
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

    static <T> KStream<Object, Envelope<T>> topology(TopologyBuild<T> build, Node node, RouteFunction<T> routeFunction,
                                                     Map<String, Node> routes, KStream<Object, Envelope<T>> in) {
        String name = build.name(node);
        NodeId id = build.id(node);
        var counters = build.counters(node);
        Parameter<Decision<T>> decision = build.live(node, new Decision<>(routeFunction));
        RouteFunction<T> current = value -> decision.get().function().route(value);
        KStream<Object, Envelope<T>> decided =
                in.processValues(() -> new DecisionProcessor<>(id, current, counters), Named.as(name + ".decide"));

        BranchedKStream<Object, Envelope<T>> split = decided.split(Named.as(name + ".branch-"));
        Set<String> branchNames = new HashSet<>(Set.of("pass"));
        routes.forEach((label, child) -> {
            String branchName = uniqueBranchName(label, branchNames);
            split.branch((key, envelope) -> !envelope.isFailed() && label.equals(envelope.route()),
                    Branched.withFunction(branch -> build.compile(child, branch), branchName));
        });
        Map<String, KStream<Object, Envelope<T>>> branches = split.defaultBranch(Branched.as("pass"));

        return mergeAll(name, branches);
    }

    private static <T> KStream<Object, Envelope<T>> mergeAll(String name, Map<String, KStream<Object, Envelope<T>>> branches) {
        List<Map.Entry<String, KStream<Object, Envelope<T>>>> entries = new ArrayList<>(branches.entrySet());
        KStream<Object, Envelope<T>> merged = entries.get(0).getValue();
        String prefix = name + ".branch-";
        for (Map.Entry<String, KStream<Object, Envelope<T>>> entry : entries.subList(1, entries.size())) {
            String branch = entry.getKey().startsWith(prefix) ? entry.getKey().substring(prefix.length()) : entry.getKey();
            merged = merged.merge(entry.getValue(), Named.as(name + ".merge-" + branch));
        }
        return merged;
    }

    /** Returns a branch name for a route label that is legal and unique within the node. */
    private static String uniqueBranchName(String label, Set<String> used) {
        String base = label.startsWith("routes.") ? "route-" + label.substring("routes.".length()) : label;
        base = base.replaceAll("[^a-zA-Z0-9._-]", "-");
        String candidate = base;
        for (int suffix = 2; !used.add(candidate); suffix++) {
            candidate = base + "-" + suffix;
        }
        return candidate;
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
