package io.flume.compiler.nodes;

import io.flume.api.Channel;
import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.inline.Execution;
import io.flume.runtime.inline.Step;
import io.flume.runtime.inline.StepFailedException;
import io.flume.runtime.processors.InlineSubtreeProcessor;
import io.flume.runtime.processors.NodeId;
import io.flume.runtime.processors.StreamSendProcessor;
import io.flume.runtime.routing.Routes;
import io.flume.schema.Node;
import io.flume.schema.NodeType;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Compiles a node and its whole subtree onto one {@link InlineSubtreeProcessor} named
 * {@code NODE.inline}, for the nodes whose meaning is about time or shared state within one
 * record. After it, the routing processor {@code NODE.branch} sends each value the subtree sent
 * to a stream to that stream's sink ({@code NODE.send-STREAM}, {@code NODE.sink-STREAM}), failures
 * of {@code concurrent} children to their own dead-letter end ({@code NODE.child-failures}), and
 * lets the record continue on the outlet {@code main}.
 */
final class InlineSubtree {

    private static final String MAIN = "main";
    private static final String CHILD_FAILURES = "child-failures";

    private InlineSubtree() {
    }

    static <T> Line topology(TopologyBuild<T> build, Node node, Line in) {
        String name = build.name(node);
        NodeId id = build.id(node);
        Step<T> step = build.inline().compile(node);
        var counters = build.counters(node);
        var metrics = build.options().metrics();
        Line out = build.process(in, name + ".inline", () -> new InlineSubtreeProcessor<>(id, step, counters, metrics));

        Routes outlets = build.route(out, name + ".branch", InlineSubtree::outletOf);
        Set<String> branchNames = new HashSet<>(Set.of(MAIN, CHILD_FAILURES));
        for (String stream : topicStreams(build, node)) {
            String branchName = uniqueBranchName("send-" + stream, branchNames);
            Line sends = build.process(Line.routed(outlets, InlineSubtreeProcessor.sendRoute(stream)), name + "." + branchName,
                    () -> new StreamSendProcessor<T>(stream, metrics));
            build.streamSink(sends, name + ".sink-" + branchName.substring("send-".length()), stream);
        }
        if (contains(node, NodeType.CONCURRENT)) {
            build.endLine(Line.routed(outlets, CHILD_FAILURES), name + "." + CHILD_FAILURES);
        }
        return Line.routed(outlets, MAIN);
    }

    /** Returns the outlet of a record that left the subtree's processor, from the route that processor gave it. */
    private static String outletOf(Envelope<?> envelope) {
        String route = envelope.route();
        if (route == null) {
            return MAIN;
        }
        if (envelope.isFailed()) {
            return InlineSubtreeProcessor.CHILD_FAILURE_ROUTE.equals(route) ? CHILD_FAILURES : MAIN;
        }
        return route.equals(InlineSubtreeProcessor.CHILD_FAILURE_ROUTE) ? MAIN : route;
    }

    /**
     * Returns the streams with a topic that {@code stream} nodes under {@code node} send to, and
     * records every channel they feed. Streams with a direct channel have no topic: the processor
     * offers into the channel itself.
     */
    private static <T> Set<String> topicStreams(TopologyBuild<T> build, Node node) {
        Set<String> streams = new LinkedHashSet<>();
        collectStreams(build, node, streams);
        return streams;
    }

    private static <T> void collectStreams(TopologyBuild<T> build, Node node, Set<String> streams) {
        if (node.type() == NodeType.STREAM) {
            Channel<T> channel = build.flume().getChannel(node.stream()).orElse(null);
            if (channel != null) {
                build.recordChannel(node.stream(), channel);
            }
            if (channel == null || !channel.isDirect()) {
                streams.add(node.stream());
            }
        }
        node.labelledChildren().values().forEach(child -> collectStreams(build, child, streams));
    }

    private static boolean contains(Node node, NodeType type) {
        return node.type() == type || node.labelledChildren().values().stream().anyMatch(child -> contains(child, type));
    }

    private static String uniqueBranchName(String base, Set<String> used) {
        String legal = base.replaceAll("[^a-zA-Z0-9._-]", "-");
        String candidate = legal;
        for (int suffix = 2; !used.add(candidate); suffix++) {
            candidate = legal + "-" + suffix;
        }
        return candidate;
    }

    /**
     * Runs {@code child} on a fork of {@code execution} and merges the fork when the child
     * succeeds, so that a failed child leaves no sends behind.
     */
    static <T> T runOnFork(Execution<T> execution, Step<T> child, T value) throws StepFailedException {
        Execution<T> fork = execution.fork();
        T result = child.apply(fork, value);
        execution.merge(fork);
        return result;
    }
}
