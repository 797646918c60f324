package io.flume.benchmarks;

import io.flume.runtime.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * An embedded broker with the helpers the broker benchmarks share: producing input topics,
 * running a topology until it has finished, and reading offsets. Every wait is bounded by
 * {@link #RUN_TIMEOUT}.
 */
public final class BrokerHarness implements AutoCloseable {

    public static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofMillis(20);

    private final EmbeddedKafkaBroker broker;
    private final Admin admin;
    private final Path stateRoot;

    private BrokerHarness(EmbeddedKafkaBroker broker, Path stateRoot) {
        this.broker = broker;
        this.stateRoot = stateRoot;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    public static BrokerHarness start() {
        try {
            return new BrokerHarness(EmbeddedKafkaBroker.start(), Files.createTempDirectory("flume-bench-state"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public Admin admin() {
        return admin;
    }

    /** Creates {@code topics} with one partition each (existing ones are left as they are). */
    public void createTopics(Collection<String> topics) {
        Map<String, Integer> partitions = new HashMap<>();
        topics.forEach(topic -> partitions.put(topic, 1));
        broker.createTopics(partitions);
    }

    /** Produces each line as a record with the key {@code k<index>} to a new one-partition topic. */
    public void produce(String topic, List<String> lines) {
        createTopics(List.of(topic));
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        try (var producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < lines.size(); i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, lines.get(i).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    /** Returns the Streams properties of a benchmark run: one stream thread, commits every 100 ms. */
    public Properties streamsProperties(BenchTopology topology, String guarantee) {
        Properties properties = new Properties();
        properties.putAll(topology.properties());
        String applicationId = properties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateRoot.resolve(applicationId).toString());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        properties.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        return properties;
    }

    /**
     * The time of a run: wall-clock seconds, and CPU seconds of the whole JVM (the broker, the
     * application and this harness) over the same interval.
     */
    public record RunTime(double seconds, double cpuSeconds) {
    }

    /**
     * Starts {@code topology} under {@code guarantee}, waits until {@code done} holds, and returns
     * the time from the moment Kafka Streams reported RUNNING until then. Closes the application
     * afterwards.
     */
    public RunTime runUntil(BenchTopology topology, String guarantee, BooleanSupplier done) throws InterruptedException {
        return runWithStreams(topology, guarantee, streams -> { }, done);
    }

    /** Runs as {@link #runUntil} does, and calls {@code onRunning} when Kafka Streams reports RUNNING. */
    public RunTime runWithStreams(BenchTopology topology, String guarantee, Consumer<KafkaStreams> onRunning, BooleanSupplier done)
            throws InterruptedException {
        createTopics(topology.outputTopics());
        createTopics(topology.retryTopics());
        try (KafkaStreams streams = new KafkaStreams(topology.topology(), streamsProperties(topology, guarantee))) {
            streams.start();
            awaitCondition(() -> streams.state() == KafkaStreams.State.RUNNING, "Kafka Streams to reach RUNNING");
            onRunning.accept(streams);
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            awaitCondition(() -> done.getAsBoolean() || streams.state() == KafkaStreams.State.ERROR, "the run to finish");
            long elapsed = System.nanoTime() - start;
            long cpu = processCpuNanos() - cpuStart;
            if (streams.state() == KafkaStreams.State.ERROR) {
                throw new IllegalStateException("Kafka Streams failed during the run; see the log");
            }
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
            return new RunTime(elapsed / 1e9, cpu / 1e9);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Returns whether group {@code groupId} has committed the end offset of every partition of {@code topic}. */
    public boolean committedToEnd(String groupId, String topic) {
        Map<TopicPartition, Long> ends = endOffsets(List.of(topic));
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get();
            return ends.entrySet().stream().allMatch(end -> {
                OffsetAndMetadata offset = committed.get(end.getKey());
                return offset != null && offset.offset() >= end.getValue();
            });
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Returns the sum of the end offsets of {@code topics}: their record count when no transaction wrote to them. */
    public long endOffsetSum(Collection<String> topics) {
        return endOffsets(topics).values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<TopicPartition, Long> endOffsets(Collection<String> topics) {
        try {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((name, description) ->
                    description.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(request).all().get();
            Map<TopicPartition, Long> ends = new HashMap<>();
            result.forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topics, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading end offsets", e);
        }
    }

    /** Waits up to {@link #RUN_TIMEOUT} for {@code condition}, polling every 20 ms. */
    public static void awaitCondition(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + RUN_TIMEOUT + " waiting for " + what);
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Stops the broker and deletes the state directories of the runs. */
    @Override
    public void close() {
        admin.close();
        broker.close();
        try (var paths = Files.walk(stateRoot)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete the benchmark state directory " + stateRoot + ": " + e);
        }
    }
}
