package io.flume.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.runtime.serde.JsonSerde;
import io.flume.schema.Schema;
import io.flume.schema.SchemaParser;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/**
 * Heap after a full GC and resident set size of the JVM while the compiled earthquakes
 * application runs on the embedded broker: idle, under load, and with 100,000 retries pending.
 * The broker runs in the same JVM, so the numbers include it; the differences between the
 * phases are the application's.
 *
 * <p>For the pending retries the schema is the example's with {@code backoff: 10m} instead of
 * {@code 2s}, so that the retries stay pending while they are measured, and the input is notable
 * earthquakes whose first notification fails ({@code properties.fail_attempts: 1}).
 */
public final class MemoryBenchmark {

    private static final String RETRY_STORE = "notify-retry.retry-store";

    private final BrokerHarness harness;
    private final Consumer<String> log;

    public MemoryBenchmark(BrokerHarness harness, Consumer<String> log) {
        this.harness = harness;
        this.log = log;
    }

    /** Returns {@code heap MiB} and {@code RSS MiB} by phase, and the retry store's entry count under {@code pending retries}. */
    public Map<String, double[]> run(int loadRecords, int pendingRetries) throws Exception {
        Map<String, double[]> phases = new LinkedHashMap<>();
        phases.put("broker only, before the application", snapshot());

        String loadInput = "memory.load." + loadRecords;
        harness.produce(loadInput, Workload.EARTHQUAKES.inputs(loadRecords));
        String retryInput = "memory.retries." + pendingRetries;
        harness.produce(retryInput, failingNotableQuakes(pendingRetries));

        try (BenchTopology load = BenchTopology.compiled(Workload.EARTHQUAKES.flume(), Workload.EARTHQUAKES.schema(),
                Workload.EARTHQUAKES.streams(), "memory-load", loadInput, "memory-load.")) {
            List<double[]> samples = new ArrayList<>();
            int[] polls = {0};
            harness.runUntil(load, "at_least_once", () -> {
                // The done check runs every 20 ms; a snapshot (with its full GC) every 50th, about once a second.
                if (++polls[0] % 50 == 0) {
                    samples.add(snapshot());
                }
                return harness.committedToEnd("memory-load", loadInput);
            });
            samples.add(snapshot());
            phases.put("under load (" + loadRecords + " records), max of " + samples.size() + " samples", max(samples));
        }
        phases.put("after the load run, application closed", snapshot());

        Schema slowRetries = SchemaParser.parse(Workload.EARTHQUAKES.schemaText().replace("backoff: 2s", "backoff: 10m"),
                "earthquakes with backoff 10m");
        try (BenchTopology retries = BenchTopology.compiled(Workload.EARTHQUAKES.flume(), slowRetries, Workload.EARTHQUAKES.streams(),
                "memory-retries", retryInput, "memory-retries.")) {
            KafkaStreams[] running = new KafkaStreams[1];
            long[] entries = new long[1];
            double[][] before = new double[1][];
            harness.runWithStreams(retries, "at_least_once", streams -> {
                running[0] = streams;
                before[0] = snapshot();
            }, () -> {
                String retryTopic = retries.retryTopics().iterator().next();
                boolean done = harness.committedToEnd("memory-retries", retryInput)
                        && harness.committedToEnd("memory-retries", retryTopic)
                        && harness.endOffsetSum(List.of(retryTopic)) >= pendingRetries;
                if (done) {
                    entries[0] = storeEntries(running[0]);
                    phases.put("retries application started, nothing pending", before[0]);
                    phases.put(pendingRetries + " retries pending (" + entries[0] + " entries in " + RETRY_STORE + ")", snapshot());
                }
                return done;
            });
        }
        return phases;
    }

    private long storeEntries(KafkaStreams streams) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(RETRY_STORE, QueryableStoreTypes.keyValueStore()))
                    .approximateNumEntries();
        } catch (RuntimeException e) {
            log.accept("cannot query " + RETRY_STORE + ": " + e);
            return -1;
        }
    }

    /** Returns {@code count} magnitude 5.0 earthquakes, each with its own id, whose first notification fails. */
    static List<String> failingNotableQuakes(int count) {
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ObjectNode feature = JsonSerde.mapper().createObjectNode();
            feature.put("type", "Feature").put("id", "pending" + i);
            feature.putObject("properties").put("mag", 5.0).put("type", "earthquake").put("tsunami", 0)
                    .put("fail_attempts", 1).put("place", "benchmark").put("time", 1517961600000L + i);
            feature.putObject("geometry").put("type", "Point").putArray("coordinates").add(-117.5).add(35.7).add(8.1);
            lines.add(feature.toString());
        }
        return lines;
    }

    /** Returns {heap used after a full GC in MiB, VmRSS in MiB}. */
    static double[] snapshot() {
        System.gc();
        double heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
        return new double[] {heap, residentSetMiB()};
    }

    /** Returns VmRSS from {@code /proc/self/status} in MiB, or NaN where that file does not exist. */
    static double residentSetMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    private static double[] max(List<double[]> samples) {
        double[] max = samples.get(0).clone();
        for (double[] sample : samples) {
            max[0] = Math.max(max[0], sample[0]);
            max[1] = Math.max(max[1], sample[1]);
        }
        return max;
    }
}
