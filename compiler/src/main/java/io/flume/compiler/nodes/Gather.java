package io.flume.compiler.nodes;

import io.flume.api.Cloner;
import io.flume.api.Reducer;
import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.gather.GatherOpenProcessor;
import io.flume.runtime.gather.GatherProcessor;
import io.flume.runtime.gather.GatherReportProcessor;
import io.flume.runtime.gather.GatherSpec;
import io.flume.runtime.inline.Execution;
import io.flume.runtime.inline.Step;
import io.flume.runtime.inline.StepFailedException;
import io.flume.runtime.processors.CopyProcessor;
import io.flume.runtime.processors.FailedOnlyProcessor;
import io.flume.runtime.processors.NodeId;
import io.flume.schema.Node;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.Stores;

/**
 * {@code concurrent} with a {@code reducer}: each child runs on its own copy, and the reducer
 * merges the original value, the results by child name and the errors by child name into the
 * value that continues.
 *
 * <p>A child's name is its explicit {@code name}, else its display name (the processor name of a
 * {@code ref}, {@code stream:NAME}, the type keyword otherwise). When several children share a
 * name, each of them is named {@code NAME#INDEX}, with its 0-based position in {@code children}.
 *
 * <p>On the topology back-end:
 * <pre>
 *   in ─ NODE.open ─┬─ CHILD.copy ─ child ─ CHILD.report ─┐
 *                   ├─ …                                   ├─ NODE.gather ─ (continues)
 *                   └─ NODE.bypass (failed records only) ──┘
 * </pre>
 * {@code NODE.open} saves the record in the persistent, logged store {@code NODE.gather-store},
 * keyed by the source topic, partition and offset and the node path. Each child's line ends in a
 * report, and {@code NODE.gather} calls the reducer when the last child has reported, or when the
 * gather timeout ({@link io.flume.compiler.CompileOptions#gatherTimeout()}) has passed, with the
 * missing children as timed-out errors. Only the gather continues the main line, with the
 * original key, timestamp and headers. Children usually report while the same record is being
 * processed; a child that retries through a retry topic reports when its retry is released.
 *
 * <p>In process, the children run one after another on the calling thread, as they do in a
 * stream task, and no timeout applies. In both back-ends the sends of every child are kept,
 * those of a failed child included.
 */
final class Gather {

    private Gather() {
    }

    /** Returns the store of a node's pending gathers: {@code NODE.gather-store}. */
    static String storeName(TopologyBuild<?> build, Node node) {
        return build.name(node) + ".gather-store";
    }

    static <T> Line topology(TopologyBuild<T> build, Node node, Line in) {
        String name = build.name(node);
        String store = storeName(build, node);
        List<String> childNames = childNames(node);
        GatherSpec<T> spec = new GatherSpec<>(build.id(node), store, childNames, build.options().gatherTimeout(),
                build.keySerde(), build.valueSerde(), node.reducer(), Components.reducer(build.flume(), node));
        Cloner<T> cloner = build.flume().cloner();
        build.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store),
                Serdes.Bytes(), Serdes.ByteArray()).withLoggingEnabled(Map.of()));
        build.recordPunctuationInterval(spec.punctuationInterval());

        Line opened = build.process(in, name + ".open", () -> new GatherOpenProcessor<>(spec), store);
        Line reports = null;
        for (int i = 0; i < node.children().size(); i++) {
            Node child = node.children().get(i);
            String lineName = build.name(child);
            String childName = childNames.get(i);
            Line copy = build.process(opened, lineName + ".copy", () -> new CopyProcessor<>(cloner));
            Line report = build.process(build.compile(child, copy), lineName + ".report", () -> new GatherReportProcessor<T>(childName));
            reports = reports == null ? report : reports.join(report);
        }
        Line bypass = build.process(opened, name + ".bypass", () -> new FailedOnlyProcessor<T>());
        return build.process(reports.join(bypass), name + ".gather", () -> new GatherProcessor<>(spec), store);
    }

    static <T> Step<T> inline(InlineBuild<T> build, Node node) {
        List<String> childNames = childNames(node);
        List<Step<T>> children = node.children().stream().map(build::compile).toList();
        Reducer<T> reducer = Components.reducer(build.flume(), node);
        Cloner<T> cloner = build.flume().cloner();
        NodeId id = build.id(node);
        String reducerName = node.reducer();
        return (execution, value) -> {
            Map<String, T> results = new LinkedHashMap<>();
            Map<String, Throwable> errors = new LinkedHashMap<>();
            for (int i = 0; i < children.size(); i++) {
                Execution<T> fork = execution.fork();
                try {
                    results.put(childNames.get(i), children.get(i).apply(fork, cloner.copy(value)));
                } catch (StepFailedException e) {
                    errors.put(childNames.get(i), e.failure().error());
                }
                execution.mergeKeepingHeaders(fork);
            }
            return reduce(reducer, reducerName, id, cloner, value, results, errors);
        };
    }

    private static <T> T reduce(Reducer<T> reducer, String reducerName, NodeId id, Cloner<T> cloner, T value,
                                Map<String, T> results, Map<String, Throwable> errors) throws StepFailedException {
        T snapshot = cloner.copy(value);
        try {
            T reduced = reducer.reduce(value, results, errors);
            if (reduced == null) {
                throw new IllegalStateException("reducer '" + reducerName
                        + "' returned null; return the merged value, or throw to fail the record");
            }
            return reduced;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new StepFailedException(new NodeFailure(e, id.name(), id.path(), 1, Instant.now(), snapshot));
        }
    }

    /** Returns the names the reducer sees the children under, in schema order; see the class documentation. */
    static List<String> childNames(Node node) {
        Map<String, Integer> counts = new HashMap<>();
        node.children().forEach(child -> counts.merge(child.displayName(), 1, Integer::sum));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < node.children().size(); i++) {
            String name = node.children().get(i).displayName();
            names.add(counts.get(name) > 1 ? name + "#" + i : name);
        }
        return names;
    }
}
