package io.flume.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Flume;
import io.flume.runtime.app.ClientConfigs;
import io.flume.runtime.app.TopicReader;
import io.flume.runtime.broker.EmbeddedKafkaBroker;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.SourceConfig;
import io.flume.schema.Schema;
import io.flume.schema.SchemaParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloads of an application that runs on the embedded broker. A parameter change reaches the
 * running processors without a restart. A change that drops a retry store with pending retries
 * is refused until the operator overrides the check.
 */
class ReloadOnBrokerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static Flume<ObjectNode> components() {
        return Flume.builder(ObjectNode.class)
                .predicate("above-5", quake -> quake.path("mag").asDouble() > 5)
                .predicate("above-3", quake -> quake.path("mag").asDouble() > 3)
                .processor("unreachable-service", (context, quake) -> {
                    throw new IllegalStateException("service unreachable");
                })
                .build();
    }

    private AppConfig config(String applicationId) {
        return AppConfig.builder(applicationId)
                .kafka("bootstrap.servers", broker.bootstrapServers())
                .kafka("state.dir", stateDir.toString())
                .kafka("commit.interval.ms", "100")
                .source(SourceConfig.of(applicationId + ".quakes"))
                .createTopics(true)
                .build();
    }

    @Test
    void parameterChangeAppliesWithoutRestart() throws Exception {
        AppConfig config = config("reload-live");
        String filter = """
                type: filter
                name: notable
                predicate: %s
                then: { stream: alerts }
                """;
        try (var app = FlumeApplication.of(config, components(), schema(filter.formatted("above-5")))) {
            app.start(false);
            KafkaStreams before = app.runner().orElseThrow().streams();
            produce(app, "a-mag4", 4.0, "a-mag6", 6.0);
            assertThat(app.awaitProcessed(2, TIMEOUT, () -> { })).isTrue();

            ReloadResult result = app.reload(schema(filter.formatted("above-3")), false);

            assertThat(result.outcome()).as(result.message()).isEqualTo(ReloadResult.Outcome.APPLIED_LIVE);
            produce(app, "b-mag4", 4.0, "b-mag6", 6.0);
            assertThat(app.awaitProcessed(4, TIMEOUT, () -> { })).isTrue();
            assertThat(keys(TopicReader.read(consumer(app), "alerts", 4, Duration.ofSeconds(3))))
                    .as("before the reload only magnitudes above 5, after it above 3; nothing lost or repeated")
                    .containsExactly("a-mag6", "b-mag4", "b-mag6");
            assertThat(app.runner().orElseThrow().streams()).as("the same Kafka Streams instance").isSameAs(before);
            assertThat(before.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(app.compiled().liveParameters().version()).isEqualTo(1);
        }
    }

    @Test
    void droppedRetryStoreRefusedUnlessOverridden() throws Exception {
        AppConfig config = config("reload-state");
        Schema withRetry = schema("""
                type: sequence
                children:
                  - type: retry
                    name: deliver
                    attempts: 5
                    backoff: 1m
                    child: { ref: unreachable-service }
                  - stream: delivered
                """);
        Schema withoutRetry = schema("""
                type: sequence
                children:
                  - stream: delivered
                """);
        try (var app = FlumeApplication.of(config, components(), withRetry)) {
            app.start(false);
            KafkaStreams before = app.runner().orElseThrow().streams();
            produce(app, "q1", 4.0, "q2", 6.0);
            assertThat(awaitPending(app, "deliver.retry-store", 2)).as("retries pending in the store").isEqualTo(2);

            ReloadResult refused = app.reload(withoutRetry, false);

            assertThat(refused.outcome()).isEqualTo(ReloadResult.Outcome.REFUSED);
            assertThat(refused.message()).contains("store deliver.retry-store (2 pending records)",
                    "topic reload-state.deliver.retry", "--allow-state-loss");
            assertThat(app.runner().orElseThrow().streams()).as("the old topology keeps running").isSameAs(before);
            produce(app, "q3", 5.0);
            assertThat(awaitPending(app, "deliver.retry-store", 3)).as("the old topology still retries").isEqualTo(3);

            ReloadResult overridden = app.reload(withoutRetry, true);

            assertThat(overridden.outcome()).as(overridden.message()).isEqualTo(ReloadResult.Outcome.RESTARTED);
            assertThat(app.runner().orElseThrow().streams()).isNotSameAs(before);
            produce(app, "q4", 7.0);
            assertThat(keys(TopicReader.read(consumer(app), "delivered", 1, TIMEOUT))).containsExactly("q4");
        }
    }

    private static long awaitPending(FlumeApplication<?> app, String store, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        OptionalLong count = OptionalLong.empty();
        while (System.nanoTime() < deadline) {
            count = app.runner().orElseThrow().countRecords(store, 1000);
            if (count.orElse(-1) >= expected) {
                break;
            }
            Thread.sleep(100);
        }
        return count.orElse(-1);
    }

    private static Schema schema(String yaml) {
        return SchemaParser.parse(yaml, "<inline>");
    }

    private static Map<String, Object> consumer(FlumeApplication<?> app) {
        return ClientConfigs.consumer(app.config().kafka(), broker.bootstrapServers());
    }

    /** Produces quakes given as key, magnitude, key, magnitude, and so on. */
    private static void produce(FlumeApplication<ObjectNode> app, Object... keysAndMagnitudes) {
        var serializer = app.flume().valueSerde().serializer();
        String topic = app.config().source().topics().get(0);
        Map<String, Object> config = ClientConfigs.producer(app.config().kafka(), broker.bootstrapServers());
        try (var producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < keysAndMagnitudes.length; i += 2) {
                ObjectNode quake = JsonNodeFactory.instance.objectNode().put("mag", (Double) keysAndMagnitudes[i + 1]);
                String key = (String) keysAndMagnitudes[i];
                producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), serializer.serialize(topic, quake)));
                // One at a time, so that the alerts arrive in the order produced.
                producer.flush();
            }
        }
    }

    private static List<String> keys(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(record -> new String(record.key(), StandardCharsets.UTF_8)).toList();
    }
}
