package io.flume.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Flume;
import io.flume.Pipeline;
import io.flume.PipelineResult;
import io.flume.compiler.CompileOptions;
import io.flume.compiler.CompiledTopology;
import io.flume.compiler.TopologyCompiler;
import io.flume.runtime.serde.JsonSerde;
import io.flume.runtime.testing.FlumeTestDriver;
import io.flume.schema.Schema;
import io.flume.schema.SchemaParser;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs each benchmark's operation once on a few records, without JMH's warm-up and
 * measurement, so that {@code mvn verify} catches a benchmark that no longer builds or runs. It
 * measures nothing.
 */
class BenchmarksSmokeTest {

    @Test
    void topologyDriverBatchesProduceSameOutputs() {
        for (String workload : List.of("earthquakes", "flights")) {
            long compiled = pipeBatch(workload, "compiled");
            long handWritten = pipeBatch(workload, "hand-written");
            assertThat(compiled).as("%s records written, compiled", workload).isPositive();
            assertThat(handWritten).as("%s records written, hand-written", workload).isEqualTo(compiled);
            assertThat(pipeBatch(workload, "pass-through")).as("%s pass-through", workload).isEqualTo(TopologyDriverBenchmark.BATCH);
        }
    }

    @Test
    void inlinePipelinesMatchDirectCalls() throws Exception {
        InlineBenchmark benchmark = new InlineBenchmark();
        benchmark.setUp();
        try {
            ObjectNode direct = benchmark.direct().deepCopy();
            assertThat(benchmark.pipelineCopying()).isEqualTo(direct);
            assertThat(benchmark.pipelineImmutable()).isEqualTo(direct);
            assertThat(direct.path("band").asText()).isEqualTo("delayed");
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void generatedSchemaUsesEveryKindAndCompiles() {
        CompileBenchmark benchmark = new CompileBenchmark();
        benchmark.nodes = 100;
        benchmark.setUp();
        String text = SchemaGenerator.generate(100);
        for (String kind : List.of("ref:", "stream:", "sequence", "scaffold", "concurrent", "race", "contest", "worker-pool",
                "fallback", "retry", "timeout", "circuit-breaker", "rate-limit", "filter", "switch", "handle")) {
            assertThat(text).as("kind %s", kind).contains(kind);
        }
        assertThat(benchmark.parse().root()).isNotNull();
        assertThat(benchmark.validate().isValid()).isTrue();
        assertThat(benchmark.compileInline()).isNotNull();
        assertThat(SchemaGenerator.nodeCount(100)).isEqualTo(3 * SchemaGenerator.NODES_PER_BLOCK + 1);
    }

    /**
     * Compiles the generated schema of 401 nodes into a topology (on the DSL, and with Kafka
     * Streams' own store connection and description, this never finished) and checks that one
     * record reaches the same streams, as often, as in process. The schema of 1,001 nodes has a
     * path of 929 nodes, which overflows a 1 MiB stack here; TopologyCompiler warns about it.
     */
    @Test
    void generatedSchemaRunsOnTopologyLikeInProcess() {
        Flume<ObjectNode> flume = SchemaGenerator.components();
        Schema schema = SchemaParser.parse(SchemaGenerator.generate(400), "generated-400.yaml");
        ObjectNode value = JsonSerde.mapper().createObjectNode().put("id", 1);
        Map<String, Long> expected = new TreeMap<>();
        try (Pipeline<ObjectNode> pipeline = flume.pipeline(schema)) {
            PipelineResult<ObjectNode> result = pipeline.run("k1", value.deepCopy());
            assertThat(result.failure()).isNull();
            result.sends().forEach((stream, values) -> expected.put(stream, (long) values.size()));
        }

        try (CompiledTopology<ObjectNode> compiled = TopologyCompiler.compile(schema, flume, CompileOptions.defaults());
             FlumeTestDriver<ObjectNode> driver = compiled.testDriver()) {
            driver.pipe("k1", value.deepCopy());

            Map<String, Long> actual = new TreeMap<>();
            for (String stream : compiled.streamTopics().keySet()) {
                long count = driver.readStream(stream).size();
                if (count > 0) {
                    actual.put(stream, count);
                }
            }
            assertThat(expected).hasSizeGreaterThan(20);
            assertThat(compiled.longestPath()).isLessThan(500);
            assertThat(actual).isEqualTo(expected);
            assertThat(driver.readDeadLetters()).isEmpty();
            assertThat(compiled.description().subtopologies()).hasSize(1);
        }
    }

    @Test
    void filterSequenceCompilesToTopology() {
        assertThat(TopologyCompileScaling.compileMillis(2)).isPositive();
    }

    @Test
    void interleavedInlineRunReportsEveryCase() throws Exception {
        assertThat(InlineBenchmark.interleaved(3, 10).cases()).containsExactlyInAnyOrder("direct", "pipelineCopying", "pipelineImmutable");
    }

    @Test
    void brokerCasesFinishOnFewRecords() throws Exception {
        try (BrokerHarness harness = BrokerHarness.start()) {
            BrokerBenchmarks benchmarks = new BrokerBenchmarks(harness, message -> { }, 0);
            Samples outputs = new Samples();
            Samples rates = benchmarks.endToEnd(Workload.FLIGHTS, List.of("at_least_once"), 200, 1, outputs, new Samples());
            assertThat(rates.cases()).hasSize(3);
            assertThat(outputs.values("compiled")).isEqualTo(outputs.values("hand-written"));
            assertThat(outputs.values("pass-through")).containsExactly(200.0);

            assertThat(benchmarks.retries(200, 1, new Samples()).cases()).containsExactly("0%", "1%", "10%");
            assertThat(benchmarks.channelBridge(200, 1).cases()).hasSize(3);
        }
    }

    /** Checks that the memory benchmark's pending retries are in the store; runs only with -Dbench.memory=true, since it starts two more applications. */
    @Test
    @EnabledIfSystemProperty(named = "bench.memory", matches = "true")
    void memoryRetriesWaitInStore() throws Exception {
        try (BrokerHarness harness = BrokerHarness.start()) {
            Map<String, double[]> memory = new MemoryBenchmark(harness, message -> { }).run(200, 50);
            assertThat(memory.keySet()).anyMatch(phase -> phase.startsWith("50 retries pending (50 entries"));
        }
    }

    @Test
    void flakyProcessorFailsChosenShareOnce() {
        var flume = BrokerBenchmarks.flakyComponents(10);
        var pipeline = flume.pipeline(SchemaParser.parse("version: \"1\"\nref: flaky\n"));
        ObjectNode value = io.flume.runtime.serde.JsonSerde.mapper().createObjectNode();
        long failed = 0;
        for (int i = 0; i < 100; i++) {
            if (pipeline.run("k" + i, value).failure() != null) {
                failed++;
            }
        }
        assertThat(failed).isEqualTo(10);
    }

    private static long pipeBatch(String workload, String implementation) {
        TopologyDriverBenchmark benchmark = new TopologyDriverBenchmark();
        benchmark.workload = workload;
        benchmark.implementation = implementation;
        benchmark.setUp();
        try {
            return benchmark.pipeBatch();
        } finally {
            benchmark.tearDown();
        }
    }
}
