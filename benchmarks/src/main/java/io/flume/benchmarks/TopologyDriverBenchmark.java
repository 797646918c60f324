package io.flume.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Records per second through a workload's topology on {@code TopologyTestDriver}: serialized
 * JSON in, every output topic drained as bytes after each batch of {@value #BATCH} records.
 * The input cycles through the workload's data set (the 1,707 USGS features, or the first
 * {@value #FLIGHT_RECORDS} flights).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TopologyDriverBenchmark {

    public static final int BATCH = 1_000;
    public static final int FLIGHT_RECORDS = 20_000;
    private static final String INPUT = "input";
    private static final String PREFIX = "out.";

    @Param({"earthquakes", "flights"})
    public String workload;

    @Param({"compiled", "hand-written", "pass-through"})
    public String implementation;

    private BenchTopology topology;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> input;
    private final List<TestOutputTopic<byte[], byte[]>> outputs = new ArrayList<>();
    private List<byte[]> values;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Workload chosen = Workload.valueOf(workload.toUpperCase());
        Implementation how = Implementation.valueOf(implementation.toUpperCase().replace('-', '_'));
        values = Datasets.bytes(chosen == Workload.FLIGHTS ? chosen.inputs(FLIGHT_RECORDS) : Datasets.earthquakes());
        topology = BenchTopology.build(chosen, how, "bench-ttd", INPUT, PREFIX);
        Properties properties = new Properties();
        properties.putAll(topology.properties());
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        driver = new TopologyTestDriver(topology.topology(), properties);
        input = driver.createInputTopic(INPUT, new StringSerializer(), new ByteArraySerializer());
        for (String topic : topology.outputTopics()) {
            outputs.add(driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
        }
    }

    /** Pipes {@value #BATCH} records and drains the outputs; returns the number of output records. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long pipeBatch() {
        for (int i = 0; i < BATCH; i++) {
            input.pipeInput("k" + next, values.get(next));
            next = (next + 1) % values.size();
        }
        long produced = 0;
        for (TestOutputTopic<byte[], byte[]> output : outputs) {
            produced += output.readValuesToList().size();
        }
        return produced;
    }

    /**
     * Runs compiled, hand-written and pass-through interleaved in this JVM and returns CPU
     * nanoseconds per record by implementation: a cross-check of the JMH numbers.
     */
    public static Samples interleaved(String workload, int rounds, int batches) throws Exception {
        Interleaved runner = new Interleaved();
        List<TopologyDriverBenchmark> states = new ArrayList<>();
        try {
            for (String implementation : List.of("compiled", "hand-written", "pass-through")) {
                TopologyDriverBenchmark state = new TopologyDriverBenchmark();
                state.workload = workload;
                state.implementation = implementation;
                state.setUp();
                states.add(state);
                runner.add(implementation, records -> {
                    long produced = 0;
                    for (int batch = 0; batch < records / BATCH; batch++) {
                        produced += state.pipeBatch();
                    }
                    return produced;
                });
            }
            return runner.run(2, rounds, batches * BATCH);
        } finally {
            states.forEach(TopologyDriverBenchmark::tearDown);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        driver.close();
        topology.close();
        outputs.clear();
    }
}
