package io.flume.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks and prints Markdown tables ready for {@code docs/benchmarks.md}.
 *
 * <pre>
 * ./bench                                  # everything, 3 rounds
 * ./bench --only=ttd,inline --rounds=5     # some parts
 * </pre>
 *
 * Parts: {@code ttd}, {@code inline}, {@code compile} (JMH, one fork per benchmark and round),
 * {@code broker}, {@code retries}, {@code bridge}, {@code memory} (embedded broker).
 * {@code --records=N} sets the records of each broker run (200,000 by default).
 */
public final class BenchMain {

    private static final List<String> PARTS = List.of("ttd", "inline", "compile", "broker", "retries", "bridge", "memory");

    private final int rounds;
    private final int records;
    private final StringBuilder report = new StringBuilder();

    private BenchMain(int rounds, int records) {
        this.rounds = rounds;
        this.records = records;
    }

    public static void main(String[] args) throws Exception {
        Set<String> parts = new LinkedHashSet<>(PARTS);
        int rounds = 3;
        int records = 200_000;
        for (String arg : args) {
            if (arg.startsWith("--only=")) {
                parts = new LinkedHashSet<>(Arrays.asList(arg.substring("--only=".length()).split(",")));
                if (!PARTS.containsAll(parts)) {
                    throw new IllegalArgumentException("unknown part in " + arg + "; the parts are " + PARTS);
                }
            } else if (arg.startsWith("--rounds=")) {
                rounds = Integer.parseInt(arg.substring("--rounds=".length()));
            } else if (arg.startsWith("--records=")) {
                records = Integer.parseInt(arg.substring("--records=".length()));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg + "; use --only=PART,..., --rounds=N or --records=N");
            }
        }
        new BenchMain(rounds, records).run(parts);
    }

    private void run(Set<String> parts) throws Exception {
        line("## Run of " + Instant.now());
        line("");
        machine();
        if (parts.contains("ttd")) {
            topologyTestDriver();
        }
        if (parts.contains("inline")) {
            inline();
        }
        if (parts.contains("compile")) {
            compile();
        }
        if (parts.stream().anyMatch(List.of("broker", "retries", "bridge", "memory")::contains)) {
            try (BrokerHarness harness = BrokerHarness.start()) {
                if (parts.contains("broker")) {
                    broker(harness);
                }
                if (parts.contains("retries")) {
                    retries(harness);
                }
                if (parts.contains("bridge")) {
                    bridge(harness);
                }
                if (parts.contains("memory")) {
                    memory(harness);
                }
            }
        }
        line("Load average after: " + loadAverage());
        System.out.println();
        System.out.println("=".repeat(30) + " tables " + "=".repeat(30));
        System.out.println(report);
    }

    private void machine() {
        line("| | |");
        line("|---|---|");
        line("| `nproc` | " + Runtime.getRuntime().availableProcessors() + " |");
        line("| CPU | " + procField("/proc/cpuinfo", "model name") + " |");
        line("| RAM | " + procField("/proc/meminfo", "MemTotal") + " |");
        line("| JDK | " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " |");
        line("| kernel (`uname -r`) | " + System.getProperty("os.version") + " |");
        line("| load average before | " + loadAverage() + " |");
        line("| rounds | " + rounds + " |");
        line("");
    }

    private void topologyTestDriver() throws RunnerException {
        Samples rates = new Samples();
        for (int round = 0; round < rounds; round++) {
            for (RunResult result : jmh(TopologyDriverBenchmark.class, 2, 3, 1)) {
                rates.add(param(result, "workload") + "/" + param(result, "implementation"), score(result));
            }
        }
        line("### TopologyTestDriver throughput (records/s, JMH)");
        line("");
        line("| workload | compiled | hand-written | pass-through | compiled / hand-written | compiled / pass-through |");
        line("|---|---|---|---|---|---|");
        for (String workload : List.of("earthquakes", "flights")) {
            line("| " + workload + " | " + cell(rates, workload + "/compiled") + " | " + cell(rates, workload + "/hand-written")
                    + " | " + cell(rates, workload + "/pass-through") + " | "
                    + ratio(rates, workload + "/compiled", workload + "/hand-written") + " | "
                    + ratio(rates, workload + "/compiled", workload + "/pass-through") + " |");
        }
        line("");
    }

    private void inline() throws Exception {
        Samples nanos = new Samples();
        for (int round = 0; round < rounds; round++) {
            for (RunResult result : jmh(InlineBenchmark.class, 2, 3, 1)) {
                nanos.add(method(result), score(result));
            }
        }
        Samples interleaved = InlineBenchmark.interleaved(2 + 5 * rounds, 200_000);
        line("### In-process execution of a five-step sequence (ns/record)");
        line("");
        line("| case | JMH ns/record | / direct | interleaved ns/record | / direct |");
        line("|---|---|---|---|---|");
        for (String name : List.of("direct", "pipelineCopying", "pipelineImmutable")) {
            line("| " + name + " | " + cell(nanos, name, "%.0f") + " | " + ratio(nanos, name, "direct") + " | "
                    + cell(interleaved, name, "%.0f") + " | " + ratio(interleaved, name, "direct") + " |");
        }
        line("");
    }

    private void compile() throws RunnerException {
        Samples millis = new Samples();
        for (int round = 0; round < rounds; round++) {
            for (RunResult result : jmh(CompileBenchmark.class, 2, 3, 1)) {
                millis.add(param(result, "nodes") + "/" + method(result), score(result));
            }
        }
        line("### Parse, validate and compile in process a generated schema (ms, JMH)");
        line("");
        line("| nodes | parse | validate | compile (in process) | total | total ms per 1,000 nodes |");
        line("|---|---|---|---|---|---|");
        for (int nodes : List.of(100, 1_000, 10_000)) {
            double total = millis.median(nodes + "/parse") + millis.median(nodes + "/validate") + millis.median(nodes + "/compileInline");
            int actual = SchemaGenerator.nodeCount(nodes);
            line("| " + actual + " | " + cell(millis, nodes + "/parse", "%.2f") + " | " + cell(millis, nodes + "/validate", "%.2f")
                    + " | " + cell(millis, nodes + "/compileInline", "%.2f") + " | " + Samples.format("%.2f", total) + " | "
                    + Samples.format("%.3f", total / actual * 1_000) + " |");
        }
        line("");
        line("### Compile into a topology: a sequence of k filters (ms, best of 3)");
        line("");
        line("| filters | nodes | ms | / previous |");
        line("|---|---|---|---|");
        double[] previous = {Double.NaN};
        TopologyCompileScaling.run(3, 10_000, row -> {
            line("| " + (int) row[0] + " | " + (2 * (int) row[0] + 1) + " | " + Samples.format("%.1f", row[1]) + " | "
                    + Samples.format("%.2f", row[1] / previous[0]) + " |");
            previous[0] = row[1];
        });
        line("");
    }

    private void broker(BrokerHarness harness) throws InterruptedException {
        BrokerBenchmarks benchmarks = new BrokerBenchmarks(harness, BenchMain::progress);
        line("### End to end on the embedded broker (records/s, " + records + " records a run)");
        line("");
        line("| workload | guarantee | compiled | hand-written | pass-through | compiled / hand-written | compiled / pass-through |");
        line("|---|---|---|---|---|---|---|");
        List<String> counts = new ArrayList<>();
        for (Workload workload : Workload.values()) {
            Samples outputs = new Samples();
            Samples rates = benchmarks.endToEnd(workload, BrokerBenchmarks.GUARANTEES, records, rounds, outputs);
            for (String guarantee : BrokerBenchmarks.GUARANTEES) {
                String compiled = "compiled/" + guarantee;
                String hand = "hand-written/" + guarantee;
                String pass = "pass-through/" + guarantee;
                line("| " + workload.label() + " | " + guarantee + " | " + cell(rates, compiled) + " | " + cell(rates, hand) + " | "
                        + cell(rates, pass) + " | " + ratio(rates, compiled, hand) + " | " + ratio(rates, compiled, pass) + " |");
            }
            counts.add(workload.label() + ": " + distinctCounts(outputs));
        }
        line("");
        line("Records written per run under at_least_once (all rounds): " + String.join("; ", counts) + ".");
        line("");
    }

    private void retries(BrokerHarness harness) throws InterruptedException {
        Samples rates = new BrokerBenchmarks(harness, BenchMain::progress).retries(records, rounds);
        line("### Retries with backoff 100 ms (records/s, " + records + " flights, at_least_once)");
        line("");
        line("| records retried once | records/s | / none |");
        line("|---|---|---|");
        for (int percent : BrokerBenchmarks.RETRY_PERCENTS) {
            line("| " + percent + "% | " + cell(rates, percent + "%") + " | " + ratio(rates, percent + "%", "0%") + " |");
        }
        line("");
    }

    private void bridge(BrokerHarness harness) throws InterruptedException {
        Samples rates = new BrokerBenchmarks(harness, BenchMain::progress).channelBridge(records, rounds);
        line("### Channel bridge into a consumer that does nothing (records/s, " + records + " flights)");
        line("");
        line("| case | records/s | / plain consumer |");
        line("|---|---|---|");
        for (String name : rates.cases()) {
            line("| " + name + " | " + cell(rates, name) + " | " + ratio(rates, name, "plain consumer") + " |");
        }
        line("");
    }

    private void memory(BrokerHarness harness) throws Exception {
        Map<String, double[]> phases = new MemoryBenchmark(harness, BenchMain::progress).run(records, 100_000);
        line("### Memory of the earthquakes application (heap after full GC and VmRSS, MiB; broker in the same JVM)");
        line("");
        line("| phase | heap | RSS |");
        line("|---|---|---|");
        phases.forEach((phase, values) -> line("| " + phase + " | " + Samples.format("%.0f", values[0]) + " | "
                + Samples.format("%.0f", values[1]) + " |"));
        line("");
    }

    private static Collection<RunResult> jmh(Class<?> benchmark, int warmups, int measurements, int seconds) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(benchmark.getName() + "\\.")
                .forks(1)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(measurements)
                .measurementTime(TimeValue.seconds(seconds))
                .timeout(TimeValue.minutes(2))
                .jvmArgsAppend("-Xmx1g");
        return new Runner(options.build()).run();
    }

    private static String param(RunResult result, String name) {
        return result.getParams().getParam(name);
    }

    private static String method(RunResult result) {
        String label = result.getParams().getBenchmark();
        return label.substring(label.lastIndexOf('.') + 1);
    }

    private static double score(RunResult result) {
        return result.getPrimaryResult().getScore();
    }

    private static String cell(Samples samples, String caseName) {
        return cell(samples, caseName, "%.0f");
    }

    /** Returns {@code median (min–max)}. */
    private static String cell(Samples samples, String caseName, String format) {
        return Samples.format(format, samples.median(caseName)) + " (" + samples.spread(caseName, format) + ")";
    }

    private static String ratio(Samples samples, String numerator, String denominator) {
        return Samples.format("%.3f", samples.ratio(numerator, denominator));
    }

    private static String distinctCounts(Samples outputs) {
        List<String> parts = new ArrayList<>();
        for (String name : outputs.cases()) {
            parts.add(name + " " + outputs.values(name).stream().map(v -> Samples.format("%.0f", v)).distinct().toList());
        }
        return String.join(", ", parts);
    }

    private static String procField(String file, String field) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(line -> line.startsWith(field))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void progress(String message) {
        System.err.println("[bench " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime()) + "] " + message);
    }

    private void line(String text) {
        report.append(text).append('\n');
        System.err.println(text);
    }
}
