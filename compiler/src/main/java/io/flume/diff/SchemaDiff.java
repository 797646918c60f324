package io.flume.diff;

import io.flume.compiler.CompiledTopology;
import io.flume.schema.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;

/**
 * The differences between a running schema and a new one, compiled with the same options, and
 * the {@link Verdict} on replacing one with the other. Both {@code flume diff} and the reload of
 * a running application use it.
 *
 * <p>Nodes are matched by their stable names. A changed field is live when the running processors read
 * it from their live parameters; any other change, and any difference in Kafka Streams' own
 * description of the topology, needs a restart. Stores are compared by name, and internal topics
 * are the retry topics and the stores' changelog topics ({@code APPLICATION_ID-STORE-changelog}):
 * one that the old topology has and the new one lacks holds data that the new topology never
 * reads, so dropping or renaming it drops state.
 *
 * <pre>{@code
 * SchemaDiff diff = SchemaDiff.of(running, candidate);
 * if (diff.verdict() == Verdict.DROPS_STATE) {
 *     System.out.println(diff.droppedState());
 * }
 * }</pre>
 */
public final class SchemaDiff {

    static final String NODE = "node";
    static final String STORE = "store";
    static final String TOPIC = "topic";
    static final String STREAM = "stream";

    private final List<Change> changes;
    private final boolean topologyChanged;
    private final Verdict verdict;

    private SchemaDiff(List<Change> changes, boolean topologyChanged) {
        this.changes = List.copyOf(changes);
        this.topologyChanged = topologyChanged;
        this.verdict = judge(changes, topologyChanged);
    }

    /** Compares the compiled {@code before} with the compiled {@code after}. */
    public static SchemaDiff of(CompiledTopology<?> before, CompiledTopology<?> after) {
        List<Change> changes = new ArrayList<>();
        compareNodes(before, after, changes);
        compareSets(STORE, stores(before.description()), stores(after.description()), changes);
        compareSets(TOPIC, internalTopics(before), internalTopics(after), changes);
        compareMaps(STREAM, streams(before), streams(after), changes);
        boolean topologyChanged = !before.describe().equals(after.describe());
        return new SchemaDiff(changes, topologyChanged);
    }

    public Verdict verdict() {
        return verdict;
    }

    /** Returns every difference: nodes first, then stores, topics and streams. */
    public List<Change> changes() {
        return changes;
    }

    /** Returns true when Kafka Streams' description of the topology differs. */
    public boolean topologyChanged() {
        return topologyChanged;
    }

    /** Returns the stores and internal topics of the old topology that the new one lacks. */
    public List<Change> droppedState() {
        return changes.stream().filter(SchemaDiff::dropsState).toList();
    }

    /** Returns the names of the stores that the new topology lacks. */
    public List<String> droppedStores() {
        return droppedState().stream().filter(change -> change.area().equals(STORE)).map(Change::subject).toList();
    }

    private static boolean dropsState(Change change) {
        return change.kind() == Change.Kind.REMOVED && (change.area().equals(STORE) || change.area().equals(TOPIC));
    }

    private static Verdict judge(List<Change> changes, boolean topologyChanged) {
        if (changes.stream().anyMatch(SchemaDiff::dropsState)) {
            return Verdict.DROPS_STATE;
        }
        if (topologyChanged || changes.stream().anyMatch(change -> !change.live())) {
            return Verdict.RESTART;
        }
        return changes.isEmpty() ? Verdict.NONE : Verdict.LIVE;
    }

    /** Returns the report that {@code flume diff} prints: one line per difference, then the verdict. */
    public String format() {
        StringBuilder out = new StringBuilder();
        for (String area : List.of(NODE, STORE, TOPIC, STREAM)) {
            List<Change> inArea = changes.stream().filter(change -> change.area().equals(area)).toList();
            if (!inArea.isEmpty()) {
                out.append(plural(area)).append(":\n");
                inArea.forEach(change -> out.append("  ").append(change).append('\n'));
            }
        }
        if (topologyChanged && changes.stream().allMatch(Change::live)) {
            out.append("Topology: Kafka Streams' description differs (processors or their wiring)\n");
        }
        out.append("Verdict: ").append(verdict.description()).append('\n');
        return out.toString();
    }

    private static String plural(String area) {
        return Character.toUpperCase(area.charAt(0)) + area.substring(1) + "s";
    }

    /**
     * Matches nodes by their stable name, which their processors, stores and topics are named
     * after, so that inserting a node does not make every later node look changed.
     */
    private static void compareNodes(CompiledTopology<?> before, CompiledTopology<?> after, List<Change> changes) {
        Map<String, Node> old = nodesByName(before, before.schema().root(), new LinkedHashMap<>());
        Map<String, Node> next = nodesByName(after, after.schema().root(), new LinkedHashMap<>());
        old.forEach((name, node) -> {
            Node other = next.get(name);
            if (other == null) {
                changes.add(new Change(NODE, Change.Kind.REMOVED, node.path(), node.displayName() + " (" + name + ")", false));
                return;
            }
            if (!node.path().equals(other.path())) {
                changes.add(new Change(NODE, Change.Kind.CHANGED, other.path(), name + " moved from " + node.path(), false));
            }
            compareFields(other.path(), node, other, changes);
        });
        next.forEach((name, node) -> {
            if (!old.containsKey(name)) {
                changes.add(new Change(NODE, Change.Kind.ADDED, node.path(), node.displayName() + " (" + name + ")", false));
            }
        });
    }

    private static void compareFields(String path, Node before, Node after, List<Change> changes) {
        Map<String, Object> old = NodeFields.of(before);
        Map<String, Object> next = NodeFields.of(after);
        Set<String> fields = new java.util.LinkedHashSet<>(old.keySet());
        fields.addAll(next.keySet());
        for (String field : fields) {
            Object a = old.get(field);
            Object b = next.get(field);
            if (!Objects.equals(a, b)) {
                boolean live = before.type() == after.type() && NodeFields.isLive(before.type(), field, a, b);
                changes.add(new Change(NODE, Change.Kind.CHANGED, path, field + " " + a + " -> " + b, live));
            }
        }
    }

    private static Map<String, Node> nodesByName(CompiledTopology<?> compiled, Node node, Map<String, Node> into) {
        into.put(compiled.nodeNames().get(node.path()), node);
        node.labelledChildren().values().forEach(child -> nodesByName(compiled, child, into));
        return into;
    }

    private static Set<String> stores(TopologyDescription description) {
        Set<String> stores = new TreeSet<>();
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Processor processor) {
                    stores.addAll(processor.stores());
                }
            }
        }
        description.globalStores().forEach(store -> stores.addAll(store.processor().stores()));
        return stores;
    }

    /** Returns the topics that only the application itself writes and reads: retry topics and changelogs. */
    private static Set<String> internalTopics(CompiledTopology<?> compiled) {
        Set<String> topics = new TreeSet<>(compiled.retryTopics());
        for (String store : stores(compiled.description())) {
            topics.add(compiled.options().applicationId() + "-" + store + "-changelog");
        }
        return topics;
    }

    private static Map<String, String> streams(CompiledTopology<?> compiled) {
        Map<String, String> streams = new TreeMap<>();
        compiled.streamTopics().forEach((stream, topic) -> streams.put(stream, "topic " + topic));
        compiled.directChannels().keySet().forEach(stream -> streams.put(stream, "direct channel"));
        return streams;
    }

    private static void compareSets(String area, Set<String> before, Set<String> after, List<Change> changes) {
        before.stream().filter(item -> !after.contains(item))
                .forEach(item -> changes.add(new Change(area, Change.Kind.REMOVED, item, "", false)));
        after.stream().filter(item -> !before.contains(item))
                .forEach(item -> changes.add(new Change(area, Change.Kind.ADDED, item, "", false)));
    }

    private static void compareMaps(String area, Map<String, String> before, Map<String, String> after, List<Change> changes) {
        before.forEach((key, value) -> {
            String other = after.get(key);
            if (other == null) {
                changes.add(new Change(area, Change.Kind.REMOVED, key, value, false));
            } else if (!other.equals(value)) {
                changes.add(new Change(area, Change.Kind.CHANGED, key, value + " -> " + other, false));
            }
        });
        after.forEach((key, value) -> {
            if (!before.containsKey(key)) {
                changes.add(new Change(area, Change.Kind.ADDED, key, value, false));
            }
        });
    }
}
