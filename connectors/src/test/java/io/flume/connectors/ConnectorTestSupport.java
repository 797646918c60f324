package io.flume.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.flume.runtime.app.RunnerContext;
import io.flume.runtime.app.TopicReader;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.ConnectorConfig;
import io.flume.runtime.config.SourceConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Helpers shared by the connector tests: records with numbered ids on a real topic, and reading them back. */
final class ConnectorTestSupport {

    static final String TRACE_HEADER = "trace";
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    private ConnectorTestSupport() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Produces records with ids {@code from} to {@code from + count - 1}: key {@code k<id>}, a {@code trace} header, a JSON value. */
    static void produce(String bootstrapServers, String topic, int from, int count) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int id = from; id < from + count; id++) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, bytes("k" + id), value(id));
                record.headers().add(TRACE_HEADER, bytes("t" + id));
                producer.send(record);
            }
            producer.flush();
        }
    }

    static byte[] value(int id) {
        return bytes("{\"id\":" + id + ",\"place\":\"12 km N of Ridgecrest, CA\",\"mag\":" + (id % 70) / 10.0 + "}");
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** Returns the {@code id} of a value written by {@link #value}, or -1. */
    static int idOf(String value) {
        Matcher matcher = ID.matcher(value);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    static AppConfig config(String applicationId, ConnectorConfig... connectors) {
        AppConfig.Builder builder = AppConfig.builder(applicationId).source(SourceConfig.of("input"));
        for (ConnectorConfig connector : connectors) {
            builder.connector(connector);
        }
        return builder.build();
    }

    static Connectors start(AppConfig config, String bootstrapServers) {
        return Connectors.start(new RunnerContext(config, bootstrapServers, Map.of(), null));
    }

    static List<ConsumerRecord<byte[], byte[]>> read(String bootstrapServers, String topic, int count, Duration timeout) {
        return TopicReader.read(Map.of("bootstrap.servers", bootstrapServers), topic, count, timeout);
    }

    /** Waits until {@code condition} holds, polling every 50 ms; fails naming {@code description} after {@code timeout}. */
    static void await(String description, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + description);
            }
            Thread.sleep(50);
        }
    }

    /**
     * Waits up to 5 seconds for every thread whose name contains {@code connector} to end: the
     * connector's own thread, its consumer's and producer's threads and its HTTP client's pool.
     */
    static void assertNoThreadsLeft(String connector) throws InterruptedException {
        await("the threads of connector " + connector + " to end", Duration.ofSeconds(5), () -> Thread.getAllStackTraces()
                .keySet().stream().noneMatch(thread -> thread.isAlive() && thread.getName().contains(connector)));
    }

    /**
     * Checks that {@code ids} contains every id from 0 to {@code count - 1}, and returns how many
     * extra copies it has; at-least-once allows copies only of records retried or re-read.
     */
    static int assertAllDelivered(List<Integer> ids, int count) {
        boolean[] seen = new boolean[count];
        int duplicates = 0;
        List<Integer> unexpected = new ArrayList<>();
        for (int id : ids) {
            if (id < 0 || id >= count) {
                unexpected.add(id);
            } else if (seen[id]) {
                duplicates++;
            } else {
                seen[id] = true;
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int id = 0; id < count && missing.size() < 20; id++) {
            if (!seen[id]) {
                missing.add(id);
            }
        }
        assertThat(unexpected).as("ids that were never produced").isEmpty();
        assertThat(missing).as("ids missing at the target (first 20)").isEmpty();
        return duplicates;
    }
}
