package io.flume.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Flume;
import io.flume.Pipeline;
import io.flume.runtime.serde.JsonSerde;
import io.flume.schema.SchemaParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Nanoseconds per record of a five-step {@code sequence} run with {@code pipeline.process(value)}
 * against the same five functions called directly. Each function sets one field of a flight
 * record in place. By default Flume deep-copies a ref processor's input before each call; the
 * {@code pipelineImmutable} case declares values immutable, which skips the copies (the
 * functions still change the value in place, which is harmless here because every call sets the
 * same fields to the same values).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class InlineBenchmark {

    static final String SCHEMA = """
            version: "1"
            type: sequence
            children: [ { ref: hours }, { ref: band }, { ref: haul }, { ref: score }, { ref: stamp } ]
            """;

    private Pipeline<ObjectNode> copying;
    private Pipeline<ObjectNode> immutable;
    private ObjectNode flight;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        flight = (ObjectNode) JsonSerde.mapper().readTree("{\"delay\":42,\"distance\":1452,\"time\":7.5}");
        copying = register(Flume.builder(ObjectNode.class)).build().pipeline(SchemaParser.parse(SCHEMA));
        immutable = register(Flume.builder(ObjectNode.class).immutableValues()).build().pipeline(SchemaParser.parse(SCHEMA));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        copying.close();
        immutable.close();
    }

    @Benchmark
    public ObjectNode direct() {
        return stamp(score(haul(band(hours(flight)))));
    }

    @Benchmark
    public ObjectNode pipelineCopying() {
        return copying.process(flight);
    }

    @Benchmark
    public ObjectNode pipelineImmutable() {
        return immutable.process(flight);
    }

    /**
     * Runs the three cases interleaved in one JVM and returns CPU nanoseconds per call by case: a
     * cross-check of the JMH numbers that load changing between JMH forks does not skew.
     */
    public static Samples interleaved(int rounds, int operations) throws Exception {
        InlineBenchmark benchmark = new InlineBenchmark();
        benchmark.setUp();
        try {
            return new Interleaved()
                    .add("direct", count -> repeat(count, benchmark::direct))
                    .add("pipelineCopying", count -> repeat(count, benchmark::pipelineCopying))
                    .add("pipelineImmutable", count -> repeat(count, benchmark::pipelineImmutable))
                    .run(2, rounds, operations);
        } finally {
            benchmark.tearDown();
        }
    }

    private static long repeat(int count, java.util.function.Supplier<ObjectNode> call) {
        long fields = 0;
        for (int i = 0; i < count; i++) {
            fields += call.get().size();
        }
        return fields;
    }

    private static Flume.Builder<ObjectNode> register(Flume.Builder<ObjectNode> builder) {
        return builder
                .processor("hours", (context, value) -> hours(value))
                .processor("band", (context, value) -> band(value))
                .processor("haul", (context, value) -> haul(value))
                .processor("score", (context, value) -> score(value))
                .processor("stamp", (context, value) -> stamp(value));
    }

    static ObjectNode hours(ObjectNode flight) {
        return flight.put("delay_hours", flight.path("delay").asInt() / 60.0);
    }

    static ObjectNode band(ObjectNode flight) {
        return flight.put("band", FlightComponents.delayBand(flight));
    }

    static ObjectNode haul(ObjectNode flight) {
        return flight.put("long_haul", FlightComponents.isLongHaul(flight));
    }

    static ObjectNode score(ObjectNode flight) {
        return flight.put("score", flight.path("delay").asInt() * flight.path("distance").asInt() / 1000.0);
    }

    static ObjectNode stamp(ObjectNode flight) {
        return flight.put("checked", true);
    }
}
