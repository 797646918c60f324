package io.flume.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Flume;
import io.flume.api.Channel;
import io.flume.api.ChannelRecord;
import io.flume.runtime.channel.ChannelBridge;
import io.flume.runtime.serde.JsonSerde;
import io.flume.schema.SchemaParser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The benchmarks that run on the embedded broker, each comparison interleaved: every round runs
 * each case once, in a rotated order, so that load changes on the machine hit all cases alike.
 * Warm-up rounds first (one by default) let the JIT compiler compile the hot paths and are not kept.
 * Every case reads an input topic of one partition that was produced before the round, with one
 * stream thread and commits every 100 ms. A case's time runs from the moment Kafka Streams
 * reports RUNNING until the application has committed the input topic's end offset (and, for
 * retries, until every record reached the output).
 */
public final class BrokerBenchmarks {

    public static final List<String> GUARANTEES = List.of("at_least_once", "exactly_once_v2");
    public static final List<Integer> RETRY_PERCENTS = List.of(0, 1, 10);

    static final String RETRY_SCHEMA = """
            version: "1"
            type: sequence
            children:
              - type: retry
                name: flaky-retry
                attempts: 2
                backoff: 100ms
                child: { ref: flaky }
              - stream: out
            """;

    private final BrokerHarness harness;
    private final Consumer<String> log;
    private final int warmupRounds;
    private int runs;

    /** Creates the benchmarks with one warm-up round per comparison. */
    public BrokerBenchmarks(BrokerHarness harness, Consumer<String> log) {
        this(harness, log, 1);
    }

    public BrokerBenchmarks(BrokerHarness harness, Consumer<String> log, int warmupRounds) {
        this.harness = harness;
        this.log = log;
        this.warmupRounds = warmupRounds;
    }

    /**
     * Runs {@code workload} compiled, hand-written and as a pass-through under each guarantee.
     * Returns records per second by case {@code IMPLEMENTATION/GUARANTEE}. Adds the JVM's CPU
     * microseconds per record to {@code cpuMicros} by the same case, and the records each case
     * wrote under at-least-once to {@code outputCounts} by implementation.
     */
    public Samples endToEnd(Workload workload, List<String> guarantees, int records, int rounds, Samples outputCounts,
            Samples cpuMicros) throws InterruptedException {
        String input = workload.label() + ".input." + records;
        harness.produce(input, workload.inputs(records));
        Samples rates = new Samples();
        List<Implementation> implementations = List.of(Implementation.values());
        for (int round = -warmupRounds; round < rounds; round++) {
            boolean kept = round >= 0;
            for (String guarantee : guarantees) {
                for (int i = 0; i < implementations.size(); i++) {
                    Implementation implementation = implementations.get(Math.floorMod(i + round, implementations.size()));
                    String appId = nextApplicationId(workload.label() + "-" + implementation.label());
                    String caseName = implementation.label() + "/" + guarantee;
                    try (BenchTopology topology = BenchTopology.build(workload, implementation, appId, input, appId + ".")) {
                        BrokerHarness.RunTime time = harness.runUntil(topology, guarantee, () -> harness.committedToEnd(appId, input));
                        double seconds = time.seconds();
                        if (kept) {
                            rates.add(caseName, records / seconds);
                            cpuMicros.add(caseName, time.cpuSeconds() * 1e6 / records);
                        }
                        if (guarantee.equals("at_least_once")) {
                            outputCounts.add(implementation.label(), harness.endOffsetSum(topology.outputTopics()));
                        }
                        log.accept(String.format("%s %s round %d: %.0f records/s", workload.label(), caseName, round + 1, records / seconds) + (round < 0 ? " (warm-up)" : ""));
                    }
                }
            }
        }
        return rates;
    }

    /**
     * Runs the retry pipeline with 0, 1 and 10% of records failing their first attempt. Returns
     * records per second by percent, and adds CPU microseconds per record to {@code cpuMicros}.
     */
    public Samples retries(int records, int rounds, Samples cpuMicros) throws InterruptedException {
        String input = "retries.input." + records;
        harness.produce(input, Workload.FLIGHTS.inputs(records));
        Samples rates = new Samples();
        for (int round = -warmupRounds; round < rounds; round++) {
            for (int i = 0; i < RETRY_PERCENTS.size(); i++) {
                int percent = RETRY_PERCENTS.get(Math.floorMod(i + round, RETRY_PERCENTS.size()));
                String appId = nextApplicationId("retries-" + percent);
                String out = appId + ".out";
                try (BenchTopology topology = BenchTopology.compiled(flakyComponents(percent), SchemaParser.parse(RETRY_SCHEMA),
                        List.of("out"), appId, input, appId + ".")) {
                    BrokerHarness.RunTime time = harness.runUntil(topology, "at_least_once",
                            () -> harness.committedToEnd(appId, input) && harness.endOffsetSum(List.of(out)) >= records);
                    double seconds = time.seconds();
                    if (round >= 0) {
                        rates.add(percent + "%", records / seconds);
                        cpuMicros.add(percent + "%", time.cpuSeconds() * 1e6 / records);
                    }
                    log.accept(String.format("retries %d%% round %d: %.0f records/s", percent, round + 1, records / seconds) + (round < 0 ? " (warm-up)" : ""));
                }
            }
        }
        return rates;
    }

    /**
     * Returns a registry whose processor {@code flaky} fails the first attempt of the records whose
     * key {@code k<index>} has {@code index % 100 < percent}.
     */
    static Flume<ObjectNode> flakyComponents(int percent) {
        return Flume.builder(ObjectNode.class)
                .processor("flaky", (context, value) -> {
                    int index = Integer.parseInt(String.valueOf(context.key()).substring(1));
                    if (context.attempt() == 1 && index % 100 < percent) {
                        throw new IllegalStateException("first attempt of record " + context.key() + " fails on purpose");
                    }
                    return value;
                })
                .build();
    }

    /**
     * Reads a topic through a plain consumer, through a channel bridge with byte values and through
     * one with JSON values, into a consumer that does nothing with the records. Returns records
     * per second from the first record taken to the last, by case.
     */
    public Samples channelBridge(int records, int rounds) throws InterruptedException {
        String input = "bridge.input." + records;
        harness.produce(input, Workload.FLIGHTS.inputs(records));
        List<String> cases = List.of("plain consumer", "bridge, bytes", "bridge, JSON");
        Samples rates = new Samples();
        for (int round = -warmupRounds; round < rounds; round++) {
            for (int i = 0; i < cases.size(); i++) {
                String caseName = cases.get(Math.floorMod(i + round, cases.size()));
                String group = nextApplicationId("bridge");
                double rate = switch (caseName) {
                    case "plain consumer" -> plainConsumer(input, group, records);
                    case "bridge, bytes" -> bridge(input, group, records, new ByteArrayDeserializer());
                    default -> bridge(input, group, records, new JsonSerde<>(ObjectNode.class));
                };
                if (round >= 0) {
                    rates.add(caseName, rate);
                }
                log.accept(String.format("channel %s round %d: %.0f records/s", caseName, round + 1, rate) + (round < 0 ? " (warm-up)" : ""));
            }
        }
        return rates;
    }

    private <T> double bridge(String topic, String group, int records, Deserializer<T> deserializer) throws InterruptedException {
        Channel<T> channel = Channel.bounded(1_000);
        try (ChannelBridge<T> bridge = ChannelBridge.builder(group, channel)
                .topic(topic)
                .groupId(group)
                .consumerConfig(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, harness.bootstrapServers()))
                .valueDeserializer(deserializer)
                .build()) {
            bridge.start();
            long first = 0;
            long last = 0;
            int taken = 0;
            long deadline = System.nanoTime() + BrokerHarness.RUN_TIMEOUT.toNanos();
            while (taken < records && System.nanoTime() < deadline) {
                ChannelRecord<T> record = channel.poll(Duration.ofSeconds(1));
                if (record != null) {
                    last = System.nanoTime();
                    if (taken == 0) {
                        first = last;
                    }
                    taken++;
                }
            }
            if (taken < records) {
                throw new IllegalStateException("the channel bridge delivered " + taken + " of " + records + " records in "
                        + BrokerHarness.RUN_TIMEOUT);
            }
            return (records - 1) / ((last - first) / 1e9);
        }
    }

    private double plainConsumer(String topic, String group, int records) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, harness.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long first = 0;
            long last = 0;
            int taken = 0;
            long deadline = System.nanoTime() + BrokerHarness.RUN_TIMEOUT.toNanos();
            while (taken < records && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    last = System.nanoTime();
                    if (taken == 0) {
                        first = last;
                    }
                    taken++;
                }
            }
            consumer.commitSync();
            if (taken < records) {
                throw new IllegalStateException("the consumer read " + taken + " of " + records + " records in " + BrokerHarness.RUN_TIMEOUT);
            }
            return (records - 1) / ((last - first) / 1e9);
        }
    }

    private String nextApplicationId(String label) {
        runs++;
        return "bench-" + label + "-" + runs;
    }
}
