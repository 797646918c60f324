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
 * {@code --records=N} sets the flights of each broker run (200,000 by default), and
 * {@code --quake-records=N} the earthquake records of each earthquakes run and of the memory
 * benchmark's load phase (50,000 by default: the 1,707 USGS features repeated).
 */
public final class BenchMain {

    private static final List<String> PARTS = List.of("ttd", "inline", "compile", "broker", "retries", "bridge", "memory");

    private final int rounds;
    private final int records;
    private final int quakeRecords;
    private final StringBuilder report = new StringBuilder();

    private BenchMain(int rounds, int records, int quakeRecords) {
        this.rounds = rounds;
        this.records = records;
        this.quakeRecords = quakeRecords;
    }

    public static void main(String[] args) throws Exception {
        Set<String> parts = new LinkedHashSet<>(PARTS);
        int rounds = 3;
        int records = 200_000;
        int quakeRecords = 50_000;
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
            } else if (arg.startsWith("--quake-records=")) {
                quakeRecords = Integer.parseInt(arg.substring("--quake-records=".length()));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg
                        + "; use --only=PART,..., --rounds=N, --records=N or --quake-records=N");
            }
        }
        new BenchMain(rounds, records, quakeRecords).run(parts);
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

    private void topologyTestDriver() throws Exception {
        Samples rates = new Samples();
        for (int round = 0; round < rounds; round++) {
            for (RunResult result : jmh(TopologyDriverBenchmark.class, 1, 2, 1)) {
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
        line("### TopologyTestDriver, interleaved in one JVM (CPU µs/record; ratios are of throughput)");
        line("");
        line("| workload | compiled | hand-written | pass-through | compiled / hand-written | compiled / pass-through |");
        line("|---|---|---|---|---|---|");
        for (String workload : List.of("earthquakes", "flights")) {
            Samples cpu = micros(TopologyDriverBenchmark.interleaved(workload, 5 * rounds, 5));
            line("| " + workload + " | " + cell(cpu, "compiled", "%.1f") + " | " + cell(cpu, "hand-written", "%.1f") + " | "
                    + cell(cpu, "pass-through", "%.1f") + " | " + ratio(cpu, "hand-written", "compiled") + " | "
                    + ratio(cpu, "pass-through", "compiled") + " |");
        }
        line("");
    }

    private void inline() throws Exception {
        Samples nanos = new Samples();
        for (int round = 0; round < rounds; round++) {
            for (RunResult result : jmh(InlineBenchmark.class, 1, 2, 1)) {
                nanos.add(method(result), score(result));
            }
        }
        Samples interleaved = InlineBenchmark.interleaved(5 * rounds, 200_000);
        line("### In-process execution of a five-step sequence (ns/record)");
        line("");
        line("| case | JMH ns/record | / direct | interleaved, CPU ns/record | / direct |");
        line("|---|---|---|---|---|");
        for (String name : List.of("direct", "pipelineCopying", "pipelineImmutable")) {
            line("| " + name + " | " + cell(nanos, name, "%.0f") + " | " + ratio(nanos, name, "direct") + " | "
                    + cell(interleaved, name, "%.0f") + " | " + ratio(interleaved, name, "direct") + " |");
        }
        line("");
    }

    private void compile() throws Exception {
        Samples millis = new Samples();
        for (int round = 0; round < rounds; round++) {
            for (RunResult result : jmh(CompileBenchmark.class, 1, 2, 1)) {
                millis.add(param(result, "nodes") + "/" + method(result), score(result));
            }
        }
        line("### Parse, validate and compile a generated schema (ms, JMH)");
        line("");
        line("| nodes | parse | validate | compile (topology) | compile (in process) | total (topology) | total ms per 1,000 nodes |");
        line("|---|---|---|---|---|---|---|");
        for (int nodes : List.of(100, 1_000, 10_000)) {
            double total = millis.median(nodes + "/parse") + millis.median(nodes + "/validate") + millis.median(nodes + "/compileTopology");
            int actual = SchemaGenerator.nodeCount(nodes);
            line("| " + actual + " | " + cell(millis, nodes + "/parse", "%.2f") + " | " + cell(millis, nodes + "/validate", "%.2f")
                    + " | " + cell(millis, nodes + "/compileTopology", "%.2f") + " | " + cell(millis, nodes + "/compileInline", "%.2f")
                    + " | " + Samples.format("%.2f", total) + " | " + Samples.format("%.3f", total / actual * 1_000) + " |");
        }
        line("");
        Samples cpu = CompileBenchmark.interleaved(rounds + 2);
        line("### The same, interleaved in one JVM (CPU ms)");
        line("");
        line("| nodes | parse | validate | compile (topology) | compile (in process) | total (topology) ms per 1,000 nodes |");
        line("|---|---|---|---|---|---|");
        for (int nodes : List.of(100, 1_000, 10_000)) {
            double total = cpu.median(nodes + "/parse") + cpu.median(nodes + "/validate") + cpu.median(nodes + "/compileTopology");
            int actual = SchemaGenerator.nodeCount(nodes);
            line("| " + actual + " | " + cell(cpu, nodes + "/parse", "%.2f") + " | " + cell(cpu, nodes + "/validate", "%.2f")
                    + " | " + cell(cpu, nodes + "/compileTopology", "%.2f") + " | " + cell(cpu, nodes + "/compileInline", "%.2f")
                    + " | " + Samples.format("%.3f", total / actual * 1_000) + " |");
        }
        line("");
        compileTopologies();
    }

    private void compileTopologies() {
        line("### Compile into a topology: a sequence of k filters (wall ms, best of 3)");
        line("");
        line("| filters | nodes | ms | / previous | ms per filter |");
        line("|---|---|---|---|---|");
        double[] previous = {Double.NaN};
        TopologyCompileScaling.run(3, row -> {
            line("| " + (int) row[0] + " | " + (2 * (int) row[0] + 1) + " | " + Samples.format("%.1f", row[1]) + " | "
                    + Samples.format("%.2f", row[1] / previous[0]) + " | " + Samples.format("%.3f", row[1] / row[0]) + " |");
            previous[0] = row[1];
        });
        line("");
    }

    private void broker(BrokerHarness harness) throws InterruptedException {
        BrokerBenchmarks benchmarks = new BrokerBenchmarks(harness, BenchMain::progress);
        line("### End to end on the embedded broker (" + records + " flights or " + quakeRecords + " earthquake records a run)");
        line("");
        line("| workload | guarantee | measure | compiled | hand-written | pass-through | compiled / hand-written | compiled / pass-through |");
        line("|---|---|---|---|---|---|---|---|");
        List<String> counts = new ArrayList<>();
        for (Workload workload : Workload.values()) {
            Samples outputs = new Samples();
            Samples cpu = new Samples();
            int count = workload == Workload.EARTHQUAKES ? quakeRecords : records;
            Samples rates = benchmarks.endToEnd(workload, BrokerBenchmarks.GUARANTEES, count, rounds, outputs, cpu);
            for (String guarantee : BrokerBenchmarks.GUARANTEES) {
                String compiled = "compiled/" + guarantee;
                String hand = "hand-written/" + guarantee;
                String pass = "pass-through/" + guarantee;
                line("| " + workload.label() + " | " + guarantee + " | records/s | " + cell(rates, compiled) + " | " + cell(rates, hand)
                        + " | " + cell(rates, pass) + " | " + ratio(rates, compiled, hand) + " | " + ratio(rates, compiled, pass) + " |");
                line("| | | JVM CPU µs/record | " + cell(cpu, compiled, "%.1f") + " | " + cell(cpu, hand, "%.1f") + " | "
                        + cell(cpu, pass, "%.1f") + " | " + ratio(cpu, hand, compiled) + " | " + ratio(cpu, pass, compiled) + " |");
            }
            counts.add(workload.label() + ": " + distinctCounts(outputs));
        }
        line("");
        line("CPU ratios are inverted (hand-written CPU / compiled CPU), so that both rows read as throughput ratios.");
        line("");
        line("Records written per run under at_least_once (all rounds): " + String.join("; ", counts) + ".");
        line("");
    }

    private void retries(BrokerHarness harness) throws InterruptedException {
        Samples cpu = new Samples();
        Samples rates = new BrokerBenchmarks(harness, BenchMain::progress).retries(records, rounds, cpu);
        line("### Retries with backoff 100 ms (" + records + " flights, at_least_once)");
        line("");
        line("| records retried once | records/s | / none | JVM CPU µs/record | none / this |");
        line("|---|---|---|---|---|");
        for (int percent : BrokerBenchmarks.RETRY_PERCENTS) {
            line("| " + percent + "% | " + cell(rates, percent + "%") + " | " + ratio(rates, percent + "%", "0%") + " | "
                    + cell(cpu, percent + "%", "%.1f") + " | " + ratio(cpu, "0%", percent + "%") + " |");
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
        Map<String, double[]> phases = new MemoryBenchmark(harness, BenchMain::progress).run(quakeRecords, 100_000);
        line("### Memory of the earthquakes application (heap after full GC and VmRSS, MiB; broker in the same JVM)");
        line("");
        line("| phase | heap | RSS |");
        line("|---|---|---|");
        phases.forEach((phase, values) -> line("| " + phase + " | " + Samples.format("%.0f", values[0]) + " | "
                + Samples.format("%.0f", values[1]) + " |"));
        line("");
    }

    /** Converts nanoseconds to microseconds. */
    private static Samples micros(Samples nanos) {
        Samples micros = new Samples();
        for (String name : nanos.cases()) {
            nanos.values(name).forEach(value -> micros.add(name, value / 1_000));
        }
        return micros;
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
