package io.flume.compiler;

import static io.flume.compiler.TestComponents.order;
import static io.flume.compiler.TestComponents.schema;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Flume;
import io.flume.app.FlumeApplication;
import io.flume.runtime.app.ClientConfigs;
import io.flume.runtime.app.TopicReader;
import io.flume.runtime.broker.EmbeddedKafkaBroker;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.SourceConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code concurrent} node with a reducer on the embedded broker under {@code exactly_once_v2},
 * whose second child retries through a retry topic: the application stops while every record's
 * retry waits, starts again on the same broker and state directory, and the reducer's output
 * arrives exactly once for every input, with both children's results.
 */
class GatherOnBrokerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int RECORDS = 6;

    @TempDir
    Path stateDir;

    @Test
    void gatherWaitingForRetryCompletesAfterRestart() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            AppConfig config = AppConfig.builder("gather-restart")
                    .kafka("bootstrap.servers", broker.bootstrapServers())
                    .kafka("processing.guarantee", "exactly_once_v2")
                    .kafka("state.dir", stateDir.toString())
                    .kafka("commit.interval.ms", "100")
                    .source(SourceConfig.of("orders"))
                    .createTopics(true)
                    .topicPartitions(2)
                    .build();
            // The backoff is long enough for the first application to stop before any retry is due.
            var pipeline = schema("""
                    type: sequence
                    children:
                      - type: concurrent
                        name: enrich
                        reducer: merge
                        children:
                          - { ref: mark }
                          - type: retry
                            name: charge
                            attempts: 3
                            backoff: 10s
                            child: { ref: fail-first }
                      - stream: out
                    """);
            Map<String, Object> consumer = ClientConfigs.consumer(config.kafka(), broker.bootstrapServers());

            try (var app = FlumeApplication.of(config, components(), pipeline)) {
                app.start(false);
                produce(broker.bootstrapServers(), app);
                assertThat(TopicReader.read(consumer, "gather-restart.charge.retry", RECORDS, TIMEOUT))
                        .as("every record's first attempt failed and its retry waits").hasSize(RECORDS);
                assertThat(TopicReader.read(consumer, "out", 1, Duration.ofSeconds(1)))
                        .as("no gather completes before its retry is released").isEmpty();
            }

            try (var app = FlumeApplication.of(config, components(), pipeline)) {
                app.start(false);
                TopicReader.read(consumer, "out", RECORDS, TIMEOUT);
                // Everything expected has arrived; ask for one more record to catch duplicates.
                List<ConsumerRecord<byte[], byte[]>> out = TopicReader.read(consumer, "out", RECORDS + 1, Duration.ofSeconds(5));
                List<ConsumerRecord<byte[], byte[]>> deadLetters = TopicReader.read(consumer, config.deadLetterTopic(), 1,
                        Duration.ofSeconds(2));

                Map<String, JsonNode> outByKey = new TreeMap<>();
                out.forEach(record -> outByKey.put(key(record), json(record.value())));
                assertThat(out).as("one reduced record per input").hasSize(RECORDS);
                assertThat(outByKey).as("each key exactly once").hasSize(RECORDS);
                for (int i = 0; i < RECORDS; i++) {
                    JsonNode merged = outByKey.get("k" + i);
                    assertThat(merged).as("output of k%d", i).isNotNull();
                    assertThat(merged.path("total").asDouble()).as("original of k%d", i).isEqualTo(i + 1);
                    assertThat(merged.path("marked").asBoolean()).as("result of mark for k%d", i).isTrue();
                    assertThat(merged.path("attempt").asInt()).as("result of charge for k%d", i).isEqualTo(2);
                    assertThat(merged.has("errors")).as("errors of k%d", i).isFalse();
                }
                assertThat(deadLetters).isEmpty();
            }
        }
    }

    /**
     * Returns a fresh registry: {@code mark}, {@code fail-first}, which fails on its first attempt
     * only, and {@code merge}, which copies {@code marked} and {@code attempt} from the results and
     * each error's message onto the original.
     */
    private static Flume<ObjectNode> components() {
        return Flume.builder(ObjectNode.class)
                .processor("mark", (ctx, order) -> order.put("marked", true))
                .processor("fail-first", (ctx, order) -> {
                    if (ctx.attempt() == 1) {
                        throw new IllegalStateException("fail-first failed on attempt 1");
                    }
                    return order.put("attempt", ctx.attempt());
                })
                .reducer("merge", (original, results, errors) -> {
                    ObjectNode merged = original.deepCopy();
                    if (results.containsKey("mark")) {
                        merged.set("marked", results.get("mark").get("marked"));
                    }
                    if (results.containsKey("charge")) {
                        merged.set("attempt", results.get("charge").get("attempt"));
                    }
                    errors.forEach((child, error) -> merged.withObject("/errors").put(child, error.getMessage()));
                    return merged;
                })
                .build();
    }

    private static void produce(String bootstrapServers, FlumeApplication<ObjectNode> app) {
        var serializer = app.flume().valueSerde().serializer();
        Map<String, Object> config = ClientConfigs.producer(app.config().kafka(), bootstrapServers);
        try (var producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                byte[] value = serializer.serialize("orders", order(i + 1));
                producer.send(new ProducerRecord<>("orders", ("k" + i).getBytes(StandardCharsets.UTF_8), value));
            }
            producer.flush();
        }
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(byte[] value) {
        try {
            return MAPPER.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
