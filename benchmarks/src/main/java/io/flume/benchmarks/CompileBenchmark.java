package io.flume.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Flume;
import io.flume.Pipeline;
import io.flume.compiler.CompileOptions;
import io.flume.compiler.CompiledTopology;
import io.flume.compiler.InlineCompiler;
import io.flume.compiler.TopologyCompiler;
import io.flume.schema.Schema;
import io.flume.schema.SchemaParser;
import io.flume.validation.ValidationReport;
import io.flume.validation.Validator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.TopologyDescription;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Milliseconds to parse, validate and compile a generated schema of about 100, 1,000 and 10,000
 * nodes using every node kind ({@link SchemaGenerator}), each step timed on its own. Compiling is
 * timed for both back-ends: into a Kafka Streams topology ({@code TopologyCompiler}) and in
 * process ({@code InlineCompiler}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompileBenchmark {

    @Param({"100", "1000", "10000"})
    public int nodes;

    private String text;
    private Schema schema;
    private Flume<ObjectNode> flume;

    @Setup(Level.Trial)
    public void setUp() {
        text = SchemaGenerator.generate(nodes);
        flume = SchemaGenerator.components();
        schema = SchemaParser.parse(text, "generated-" + nodes + ".yaml");
        ValidationReport report = new Validator().validate(schema, flume);
        if (!report.isValid()) {
            throw new IllegalStateException("the generated schema of " + nodes + " nodes is invalid: " + report.formatErrors());
        }
    }

    /**
     * Runs parse, validate and compile at each size interleaved in this JVM and returns CPU
     * milliseconds per operation by {@code NODES/STEP}: a cross-check of the JMH numbers.
     */
    public static Samples interleaved(int rounds) throws Exception {
        Interleaved runner = new Interleaved();
        for (int size : List.of(100, 1_000, 10_000)) {
            CompileBenchmark state = new CompileBenchmark();
            state.nodes = size;
            state.setUp();
            int repeats = 10_000 / size;
            runner.add(size + "/parse", ops -> repeat(repeats, () -> state.parse().root().children().size()));
            runner.add(size + "/validate", ops -> repeat(repeats, () -> state.validate().problems().size()));
            runner.add(size + "/compileInline", ops -> repeat(repeats, () -> ((java.util.Map<?, ?>) state.compileInline()).size()));
            runner.add(size + "/compileTopology", ops -> repeat(repeats, () -> state.compileTopology().subtopologies().size()));
        }
        Samples nanos = runner.run(1, rounds, 1);
        Samples millis = new Samples();
        for (String name : nanos.cases()) {
            int repeats = 10_000 / Integer.parseInt(name.substring(0, name.indexOf('/')));
            nanos.values(name).forEach(value -> millis.add(name, value / repeats / 1e6));
        }
        return millis;
    }

    private static long repeat(int count, java.util.function.IntSupplier step) {
        long total = 0;
        for (int i = 0; i < count; i++) {
            total += step.getAsInt();
        }
        return total;
    }

    @Benchmark
    public Schema parse() {
        return SchemaParser.parse(text, "generated-" + nodes + ".yaml");
    }

    @Benchmark
    public ValidationReport validate() {
        return new Validator().validate(schema, flume);
    }

    @Benchmark
    public TopologyDescription compileTopology() {
        try (CompiledTopology<ObjectNode> compiled = TopologyCompiler.compile(schema, flume, CompileOptions.defaults())) {
            return compiled.description();
        }
    }

    @Benchmark
    public Object compileInline() {
        try (Pipeline<ObjectNode> pipeline = InlineCompiler.compile(schema, flume, CompileOptions.defaults())) {
            return pipeline.nodeNames();
        }
    }
}
