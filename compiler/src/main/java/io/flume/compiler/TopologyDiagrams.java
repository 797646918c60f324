package io.flume.compiler;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Renders a Kafka Streams {@link TopologyDescription} as a Mermaid flowchart or a Graphviz DOT
 * graph: one box per processor, source and sink, one cylinder per topic, and an arrow per edge.
 * Sub-topologies become subgraphs. Output is sorted, so the same topology always gives the same
 * text.
 */
public final class TopologyDiagrams {

    private TopologyDiagrams() {
    }

    /** Renders the topology as a Mermaid {@code flowchart TD}. */
    public static String mermaid(TopologyDescription description) {
        Graph graph = Graph.of(description);
        StringBuilder out = new StringBuilder("flowchart TD\n");
        graph.topics.forEach((topic, id) -> out.append("  ").append(id).append("[(\"").append(escape(topic)).append("\")]\n"));
        for (Map.Entry<Integer, List<TopologyDescription.Node>> subtopology : graph.subtopologies.entrySet()) {
            out.append("  subgraph sub").append(subtopology.getKey()).append("[\"sub-topology ").append(subtopology.getKey()).append("\"]\n");
            for (TopologyDescription.Node node : subtopology.getValue()) {
                out.append("    ").append(graph.id(node)).append(shapeOpen(node)).append("\"").append(escape(node.name()))
                        .append("\"").append(shapeClose(node)).append("\n");
            }
            out.append("  end\n");
        }
        graph.edges.forEach(edge -> out.append("  ").append(edge[0]).append(" --> ").append(edge[1]).append("\n"));
        return out.toString();
    }

    /** Renders the topology as a Graphviz {@code digraph}. */
    public static String dot(TopologyDescription description) {
        Graph graph = Graph.of(description);
        StringBuilder out = new StringBuilder("digraph topology {\n  rankdir=TB;\n  node [fontname=\"Helvetica\"];\n");
        graph.topics.forEach((topic, id) -> out.append("  ").append(id).append(" [label=\"").append(escape(topic))
                .append("\", shape=cylinder];\n"));
        for (Map.Entry<Integer, List<TopologyDescription.Node>> subtopology : graph.subtopologies.entrySet()) {
            out.append("  subgraph cluster_").append(subtopology.getKey()).append(" {\n    label=\"sub-topology ")
                    .append(subtopology.getKey()).append("\";\n");
            for (TopologyDescription.Node node : subtopology.getValue()) {
                String shape = node instanceof TopologyDescription.Processor ? "box" : "ellipse";
                out.append("    ").append(graph.id(node)).append(" [label=\"").append(escape(node.name()))
                        .append("\", shape=").append(shape).append("];\n");
            }
            out.append("  }\n");
        }
        graph.edges.forEach(edge -> out.append("  ").append(edge[0]).append(" -> ").append(edge[1]).append(";\n"));
        return out.append("}\n").toString();
    }

    private static String shapeOpen(TopologyDescription.Node node) {
        return node instanceof TopologyDescription.Processor ? "[" : "([";
    }

    private static String shapeClose(TopologyDescription.Node node) {
        return node instanceof TopologyDescription.Processor ? "]" : "])";
    }

    private static String escape(String text) {
        return text.replace("\"", "'");
    }

    /** Nodes, topics and edges of a description, with identifiers that diagram languages accept. */
    private static final class Graph {
        final Map<Integer, List<TopologyDescription.Node>> subtopologies = new LinkedHashMap<>();
        final Map<String, String> topics = new LinkedHashMap<>();
        final Set<String[]> edges = new TreeSet<>(Comparator.<String[], String>comparing(edge -> edge[0]).thenComparing(edge -> edge[1]));
        private final Map<String, String> ids = new LinkedHashMap<>();

        static Graph of(TopologyDescription description) {
            Graph graph = new Graph();
            List<TopologyDescription.Subtopology> sorted = new ArrayList<>(description.subtopologies());
            sorted.sort(Comparator.comparingInt(TopologyDescription.Subtopology::id));
            for (TopologyDescription.Subtopology subtopology : sorted) {
                List<TopologyDescription.Node> nodes = new ArrayList<>(subtopology.nodes());
                nodes.sort(Comparator.comparing(TopologyDescription.Node::name));
                graph.subtopologies.put(subtopology.id(), nodes);
                nodes.forEach(graph::addEdges);
            }
            return graph;
        }

        String id(TopologyDescription.Node node) {
            return ids.computeIfAbsent("node:" + node.name(), key -> "n" + ids.size());
        }

        private String topicId(String topic) {
            String id = ids.computeIfAbsent("topic:" + topic, key -> "t" + ids.size());
            topics.putIfAbsent(topic, id);
            return id;
        }

        private void addEdges(TopologyDescription.Node node) {
            String from = id(node);
            for (TopologyDescription.Node successor : node.successors()) {
                edges.add(new String[] {from, id(successor)});
            }
            if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                source.topicSet().stream().sorted().forEach(topic -> edges.add(new String[] {topicId(topic), from}));
            }
            if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                edges.add(new String[] {from, topicId(sink.topic())});
            }
        }
    }
}
