package io.flume.runtime.app;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Derives the properties of the runner's own clients (the admin client that creates topics, the
 * channel bridges' consumers and producers) from the application's {@code kafka:} properties, so
 * that connection and security settings apply to them as they do to Kafka Streams.
 *
 * <p>Each client gets the properties it defines, which keeps Kafka from warning about unused
 * ones, then the ones under its Kafka Streams prefix ({@code admin.}, {@code consumer.},
 * {@code producer.}) with the prefix removed.
 */
public final class ClientConfigs {

    private ClientConfigs() {
    }

    public static Map<String, Object> admin(Map<String, String> kafka, String bootstrapServers) {
        return select(kafka, AdminClientConfig.configNames(), "admin.", bootstrapServers);
    }

    public static Map<String, Object> consumer(Map<String, String> kafka, String bootstrapServers) {
        return select(kafka, ConsumerConfig.configNames(), "consumer.", bootstrapServers);
    }

    public static Map<String, Object> producer(Map<String, String> kafka, String bootstrapServers) {
        return select(kafka, ProducerConfig.configNames(), "producer.", bootstrapServers);
    }

    private static Map<String, Object> select(Map<String, String> kafka, Set<String> names, String prefix,
            String bootstrapServers) {
        Map<String, Object> selected = new HashMap<>();
        kafka.forEach((name, value) -> {
            if (names.contains(name)) {
                selected.put(name, value);
            }
        });
        kafka.forEach((name, value) -> {
            if (name.startsWith(prefix) && names.contains(name.substring(prefix.length()))) {
                selected.put(name.substring(prefix.length()), value);
            }
        });
        // Client ids from the config name the Streams clients; the runner's clients set their own.
        selected.remove(CommonClientConfigs.CLIENT_ID_CONFIG);
        selected.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return selected;
    }
}
