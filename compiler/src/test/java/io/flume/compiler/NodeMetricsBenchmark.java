package io.flume.compiler;

import static io.flume.compiler.TestComponents.order;
import static io.flume.compiler.TestComponents.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.runtime.metrics.FlumeMeterBinder;
import io.flume.runtime.metrics.FlumeMetrics;
import io.flume.runtime.metrics.NodeCounters;
import io.flume.schema.Schema;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures what per-node metrics cost: records per second of one small pipeline on
 * {@code TopologyTestDriver}, with node metrics on and bound to a Prometheus registry, and with
 * them off ({@link FlumeMetrics#withoutNodeMetrics()}, no registry). Rounds of the two alternate
 * in one JVM so that both see the same machine load, and time is the driver thread's CPU time.
 * Then it times the metric calls of one node
 * visit alone. A {@code main}, not a test: it runs for minutes and its numbers depend on the
 * machine. docs/benchmarks.md has the command.
 */
public final class NodeMetricsBenchmark {

    private static final String SCHEMA = """
            type: sequence
            children:
              - ref: validate
              - ref: double
              - type: filter
                predicate: is-big
                then: { stream: big }
                else: { ref: mark }
              - type: switch
                condition: tier
                routes:
                  gold: { ref: mark }
            """;
    private static final int WARMUP_RECORDS = 30_000;
    private static final int ROUND_RECORDS = 10_000;
    private static final int ROUNDS = 10;
    private static final int COUNTER_CALLS = 20_000_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private NodeMetricsBenchmark() {
    }

    public static void main(String[] args) {
        Schema schema = schema(SCHEMA);
        List<ObjectNode> values = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            values.add(order(i % 200, i % 3 == 0 ? "gold" : "silver"));
        }
        run(schema, values, true, WARMUP_RECORDS);
        run(schema, values, false, WARMUP_RECORDS);

        List<Double> on = new ArrayList<>();
        List<Double> off = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            on.add(run(schema, values, true, ROUND_RECORDS));
            off.add(run(schema, values, false, ROUND_RECORDS));
        }
        print("metrics on ", on);
        print("metrics off", off);
        System.out.printf(Locale.ROOT, "median overhead: %.1f %%%n", 100 * (1 - median(on) / median(off)));

        countersAlone(new FlumeMetrics());
        List<Double> enabled = new ArrayList<>();
        List<Double> disabled = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            enabled.add(countersAlone(new FlumeMetrics()));
            disabled.add(countersAlone(FlumeMetrics.withoutNodeMetrics()));
        }
        System.out.printf(Locale.ROOT, "one node visit (in, out, timer): median %.1f ns on, %.1f ns off%n",
                median(enabled), median(disabled));
    }

    /**
     * Returns the CPU nanoseconds of one node visit's metric calls alone, as a processor makes them:
     * records in, start and stop the timer, records out.
     */
    private static double countersAlone(FlumeMetrics metrics) {
        NodeCounters counters = metrics.node("n", "root", "ref");
        long start = cpuNanos();
        for (int i = 0; i < COUNTER_CALLS; i++) {
            counters.recordIn();
            long timer = counters.startTimer();
            counters.recordOut();
            counters.stopTimer(timer);
        }
        long elapsed = cpuNanos() - start;
        if (counters.in() != (metrics.nodeMetricsEnabled() ? COUNTER_CALLS : 0)) {
            throw new IllegalStateException("lost counts: " + counters.in());
        }
        return (double) elapsed / COUNTER_CALLS;
    }

    /** Pipes {@code records} records through a fresh driver; returns records per CPU second of this thread. */
    private static double run(Schema schema, List<ObjectNode> values, boolean metricsOn, int records) {
        TestComponents components = new TestComponents();
        FlumeMetrics metrics = metricsOn ? new FlumeMetrics() : FlumeMetrics.withoutNodeMetrics();
        CompileOptions options = CompileOptions.builder().metrics(metrics).build();
        CompiledTopology<ObjectNode> compiled = TopologyCompiler.compile(schema, components.flume, options);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        FlumeMeterBinder binder = new FlumeMeterBinder(metrics, "bench");
        if (metricsOn) {
            binder.bindTo(registry);
        }
        long start;
        long elapsed;
        try (var driver = compiled.testDriver()) {
            start = cpuNanos();
            for (int i = 0; i < records; i++) {
                driver.pipe("k" + (i % 100), values.get(i % values.size()).deepCopy());
                if (i % 10_000 == 9_999) {
                    driver.readStream("big");
                }
            }
            elapsed = cpuNanos() - start;
        } finally {
            binder.close();
            registry.close();
            compiled.close();
        }
        return records / (elapsed / 1e9);
    }

    /**
     * Returns the CPU time of the current thread, which runs the driver, so that time the thread
     * spends descheduled on a shared machine is not counted.
     */
    private static long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static void print(String label, List<Double> rounds) {
        StringBuilder line = new StringBuilder(label).append(": ");
        rounds.forEach(value -> line.append(String.format(Locale.ROOT, "%.0f ", value)));
        line.append(String.format(Locale.ROOT, "| median %.0f records/s", median(rounds)));
        System.out.println(line);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
