package io.flume.compiler.nodes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * A description of a compiled topology, recorded while the compiler adds its nodes, in the shape
 * and text format of Kafka Streams' own {@link TopologyDescription}.
 *
 * <p>Kafka Streams 4.4's {@code Topology.describe()} adds each node's size to every ancestor
 * along every path, so its time doubles with each branching node in a sequence: it never
 * finished for a generated schema of 1,000 nodes. This description is built in linear time from
 * the same nodes and edges. Sub-topologies are the connected parts of the graph, numbered in the
 * order their first node was added, and nodes are listed in the order they were added.
 */
public final class TopologyGraph implements TopologyDescription {

    /** One node the compiler added: its kind, name, parents, and the stores or topics it uses. */
    record Entry(Kind kind, String name, List<String> parents, Set<String> topics, Set<String> stores) {
    }

    enum Kind { SOURCE, PROCESSOR, SINK }

    private final Set<Subtopology> subtopologies;
    private final int longestPath;

    private TopologyGraph(Set<Subtopology> subtopologies, int longestPath) {
        this.subtopologies = subtopologies;
        this.longestPath = longestPath;
    }

    /**
     * Returns the number of nodes on the longest path from a source, sinks included. Kafka
     * Streams passes a record from node to node as nested calls, so this is how deep the stream
     * thread's stack grows.
     */
    public int longestPath() {
        return longestPath;
    }

    /** Builds the description of the nodes in {@code entries}, given in the order they were added. */
    static TopologyGraph of(List<Entry> entries) {
        Map<String, GraphNode> nodes = new LinkedHashMap<>();
        for (Entry entry : entries) {
            nodes.put(entry.name(), switch (entry.kind()) {
                case SOURCE -> new SourceNode(entry.name(), entry.topics());
                case PROCESSOR -> new ProcessorNode(entry.name(), entry.stores());
                case SINK -> new SinkNode(entry.name(), entry.topics().iterator().next());
            });
        }
        return new TopologyGraph(subtopologies(entries, nodes), longestPath(entries));
    }

    /** Links the nodes to their parents and returns the connected parts, numbered in the order their first node was added. */
    private static Set<Subtopology> subtopologies(List<Entry> entries, Map<String, GraphNode> nodes) {
        Map<String, String> component = new HashMap<>();
        nodes.keySet().forEach(name -> component.put(name, name));
        for (Entry entry : entries) {
            GraphNode node = nodes.get(entry.name());
            for (String parent : entry.parents()) {
                GraphNode predecessor = nodes.get(parent);
                node.predecessors.add(predecessor);
                predecessor.successors.add(node);
                unite(component, parent, entry.name());
            }
        }

        Map<String, List<TopologyDescription.Node>> parts = new LinkedHashMap<>();
        nodes.forEach((name, node) -> parts.computeIfAbsent(root(component, name), key -> new ArrayList<>()).add(node));
        Set<Subtopology> subtopologies = new LinkedHashSet<>();
        int id = 0;
        for (List<TopologyDescription.Node> part : parts.values()) {
            subtopologies.add(new Part(id++, part));
        }
        return Collections.unmodifiableSet(subtopologies);
    }

    /** Returns the number of nodes on the longest path; every node's parents were added before it, so one pass finds it. */
    private static int longestPath(List<Entry> entries) {
        Map<String, Integer> depths = new HashMap<>();
        int longest = 0;
        for (Entry entry : entries) {
            int depth = 1;
            for (String parent : entry.parents()) {
                depth = Math.max(depth, depths.get(parent) + 1);
            }
            depths.put(entry.name(), depth);
            longest = Math.max(longest, depth);
        }
        return longest;
    }

    private static String root(Map<String, String> component, String name) {
        String root = name;
        while (!component.get(root).equals(root)) {
            root = component.get(root);
        }
        String step = name;
        while (!step.equals(root)) {
            String next = component.get(step);
            component.put(step, root);
            step = next;
        }
        return root;
    }

    private static void unite(Map<String, String> component, String first, String second) {
        String firstRoot = root(component, first);
        String secondRoot = root(component, second);
        if (!firstRoot.equals(secondRoot)) {
            component.put(secondRoot, firstRoot);
        }
    }

    @Override
    public Set<Subtopology> subtopologies() {
        return subtopologies;
    }

    @Override
    public Set<GlobalStore> globalStores() {
        return Set.of();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Topologies:\n");
        for (Subtopology subtopology : subtopologies) {
            text.append(subtopology);
        }
        return text.toString();
    }

    private record Part(int id, List<TopologyDescription.Node> ordered) implements Subtopology {

        @Override
        public Set<TopologyDescription.Node> nodes() {
            return Collections.unmodifiableSet(new LinkedHashSet<>(ordered));
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder("   Sub-topology: ").append(id).append('\n');
            ordered.forEach(text::append);
            return text.toString();
        }
    }

    /** A node; nodes are equal by name, as names are unique within a topology. */
    private abstract static class GraphNode implements TopologyDescription.Node {

        private final String name;
        final Set<TopologyDescription.Node> predecessors = new LinkedHashSet<>();
        final Set<TopologyDescription.Node> successors = new LinkedHashSet<>();

        GraphNode(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<TopologyDescription.Node> predecessors() {
            return Collections.unmodifiableSet(predecessors);
        }

        @Override
        public Set<TopologyDescription.Node> successors() {
            return Collections.unmodifiableSet(successors);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof GraphNode node && node.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }

        static String names(Set<TopologyDescription.Node> nodes) {
            if (nodes.isEmpty()) {
                return "none";
            }
            Set<String> names = new TreeSet<>();
            nodes.forEach(node -> names.add(node.name()));
            return String.join(", ", names);
        }
    }

    private static final class SourceNode extends GraphNode implements TopologyDescription.Source {

        private final Set<String> topics;

        SourceNode(String name, Set<String> topics) {
            super(name);
            this.topics = Set.copyOf(topics);
        }

        @Override
        public Set<String> topicSet() {
            return topics;
        }

        @Override
        public Pattern topicPattern() {
            return null;
        }

        @Override
        public String toString() {
            return "    Source: " + name() + " (topics: " + new TreeSet<>(topics) + ")\n      --> " + names(successors) + "\n";
        }
    }

    private static final class ProcessorNode extends GraphNode implements TopologyDescription.Processor {

        private final Set<String> stores;

        ProcessorNode(String name, Set<String> stores) {
            super(name);
            this.stores = Set.copyOf(stores);
        }

        @Override
        public Set<String> stores() {
            return stores;
        }

        @Override
        public String toString() {
            return "    Processor: " + name() + " (stores: " + new TreeSet<>(stores) + ")\n      --> " + names(successors)
                    + "\n      <-- " + names(predecessors) + "\n";
        }
    }

    private static final class SinkNode extends GraphNode implements TopologyDescription.Sink {

        private final String topic;

        SinkNode(String name, String topic) {
            super(name);
            this.topic = topic;
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public TopicNameExtractor<?, ?> topicNameExtractor() {
            return null;
        }

        @Override
        public String toString() {
            return "    Sink: " + name() + " (topic: " + topic + ")\n      <-- " + names(predecessors) + "\n";
        }
    }
}
