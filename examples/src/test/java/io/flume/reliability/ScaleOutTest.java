package io.flume.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.flume.app.FlumeApplication;
import io.flume.config.ConfigLoader;
import io.flume.examples.earthquakes.EarthquakeComponents;
import io.flume.reliability.QuakeInputs.Input;
import io.flume.runtime.broker.EmbeddedKafkaBroker;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.retry.RetryEntry;
import io.flume.schema.SchemaParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs two instances of the earthquakes application (one {@code application.id}, two Kafka
 * Streams clients in this JVM, each with its own state directory) on a source topic with four
 * partitions, under {@code exactly_once_v2}. Many inputs need a retry with backoff. Once the first
 * instance holds pending retries in its retry store, it is stopped; the second takes over its
 * partitions, restores the store from its changelog, and must complete those retries. Every
 * input must be accounted for exactly once.
 */
class ScaleOutTest {

    private static final String RETRY_STORE = "notify-retry.retry-store";
    private static final Duration TIMEOUT = Duration.ofSeconds(ReliabilityMode.pick(120, 600));

    @TempDir
    Path temp;

    @Test
    void survivorCompletesStoppedInstanceRetries() throws Exception {
        long seed = ReliabilityMode.seed();
        System.out.println("ScaleOutTest seed " + seed + " (rerun with -Dflume.reliability.seed=" + seed + ")");
        List<Input> inputs = QuakeInputs.generate(new Random(seed), ReliabilityMode.pick(400, 20_000), "scale", 3);

        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().property("group.min.session.timeout.ms", "2000").start()) {
            broker.createTopics(Map.of(QuakeInputs.SOURCE, 4));
            try (FlumeApplication<?> stopped = instance(broker, "a"); FlumeApplication<?> survivor = instance(broker, "b")) {
                stopped.start(false);
                survivor.start(false);
                awaitTasksOnBoth(stopped, survivor);

                try (QuakeProducer producer = new QuakeProducer(broker.bootstrapServers(), inputs, 100, 10).start()) {
                    producer.awaitAll(TIMEOUT.toMillis());
                }
                Set<String> pending = awaitPendingRetries(stopped);
                stopped.close();
                System.out.println("ScaleOutTest: stopped instance a with " + pending.size() + " pending retries");

                Deliveries.Report report = Deliveries.await(broker.bootstrapServers(), inputs, TIMEOUT);
                System.out.println("ScaleOutTest: " + report.summary());

                assertThat(pending).as("retries pending in the stopped instance").isNotEmpty();
                assertThat(report.missing()).as("inputs lost").isEmpty();
                assertThat(report.unexpected()).as("records no input expected").isEmpty();
                assertThat(report.duplicates()).as("duplicates in the committed output").isEmpty();
                assertThat(survivor.runner().orElseThrow().state().isRunningOrRebalancing()).as("survivor runs").isTrue();
            }
        }
    }

    private FlumeApplication<?> instance(EmbeddedKafkaBroker broker, String name) throws Exception {
        AppConfig config = ConfigLoader.load(Path.of("earthquakes/flume.yaml")).toBuilder()
                .kafka("bootstrap.servers", broker.bootstrapServers())
                .kafka("processing.guarantee", "exactly_once_v2")
                .kafka("state.dir", Files.createDirectories(temp.resolve("state-" + name)).toString())
                .kafka("commit.interval.ms", "200")
                .kafka("session.timeout.ms", "4000")
                .kafka("heartbeat.interval.ms", "1000")
                .createTopics(true)
                .build();
        return FlumeApplication.create(config, new EarthquakeComponents(), SchemaParser.parse(Path.of("earthquakes/pipeline.yaml")));
    }

    /** Waits until the rebalance gave both instances active tasks, so that the first holds partitions to hand over. */
    private static void awaitTasksOnBoth(FlumeApplication<?> first, FlumeApplication<?> second) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (activeTasks(first) == 0 || activeTasks(second) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the two instances did not share the tasks within " + TIMEOUT);
            }
            Thread.sleep(200);
        }
    }

    private static int activeTasks(FlumeApplication<?> app) {
        var streams = app.runner().orElseThrow().streams();
        if (!streams.state().equals(org.apache.kafka.streams.KafkaStreams.State.RUNNING)) {
            return 0;
        }
        return streams.metadataForLocalThreads().stream().mapToInt(thread -> thread.activeTasks().size()).sum();
    }

    /** Waits until the instance's retry store holds entries, and returns their keys. */
    private static Set<String> awaitPendingRetries(FlumeApplication<?> app) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Set<String> keys = pendingRetryKeys(app);
            if (!keys.isEmpty()) {
                return keys;
            }
            Thread.sleep(50);
        }
        return Set.of();
    }

    private static Set<String> pendingRetryKeys(FlumeApplication<?> app) {
        Set<String> keys = new TreeSet<>();
        try {
            ReadOnlyKeyValueStore<Bytes, byte[]> store = app.runner().orElseThrow().streams()
                    .store(StoreQueryParameters.fromNameAndType(RETRY_STORE, QueryableStoreTypes.<Bytes, byte[]>keyValueStore()));
            try (KeyValueIterator<Bytes, byte[]> entries = store.all()) {
                while (entries.hasNext()) {
                    KeyValue<Bytes, byte[]> entry = entries.next();
                    keys.add(new String(RetryEntry.decode(entry.value).key(), StandardCharsets.UTF_8));
                }
            }
        } catch (InvalidStateStoreException e) {
            // The store is not queryable while its task restores or moves; the caller asks again.
        }
        return keys;
    }
}
