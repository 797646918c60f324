package io.flume.connectors.kafka;

import io.flume.connectors.ConnectorSettings;
import io.flume.connectors.Sink;
import io.flume.connectors.SinkFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Creates {@code kafka} sinks: {@code bootstrap-servers}, {@code topic} and optional {@code producer} properties. */
public final class KafkaSinkFactory implements SinkFactory {

    static final String BOOTSTRAP_SERVERS = "bootstrap-servers";
    static final String TOPIC = "topic";
    static final String PRODUCER = "producer";
    static final String OPEN_TIMEOUT = "open-timeout";
    static final Duration DEFAULT_OPEN_TIMEOUT = Duration.ofSeconds(15);

    @Override
    public String type() {
        return "kafka";
    }

    @Override
    public Sink create(ConnectorSettings settings) {
        String bootstrapServers = settings.requireString(BOOTSTRAP_SERVERS);
        String topic = settings.requireString(TOPIC);
        Duration openTimeout = settings.duration(OPEN_TIMEOUT, DEFAULT_OPEN_TIMEOUT);
        Map<String, String> producer = new LinkedHashMap<>();
        settings.map(PRODUCER).forEach((name, value) -> {
            if (value instanceof Map || value instanceof Iterable) {
                throw settings.invalid(PRODUCER, "must map each producer property to a single value, such as 'linger.ms: 5';"
                        + " '" + name + "' has a nested value", value);
            }
            producer.put(name, value == null ? "" : value.toString());
        });
        // The sink's delivery guarantee rests on an idempotent producer that waits for all
        // replicas, so a setting that weakens it is an error rather than silently replaced.
        String idempotence = producer.get("enable.idempotence");
        if (idempotence != null && !idempotence.trim().equalsIgnoreCase("true")) {
            throw settings.invalid(PRODUCER, "must not turn off enable.idempotence: the kafka sink always uses an idempotent"
                    + " producer; remove enable.idempotence", idempotence);
        }
        String acks = producer.get("acks");
        if (acks != null && !acks.trim().equalsIgnoreCase("all") && !acks.trim().equals("-1")) {
            throw settings.invalid(PRODUCER, "must not set acks below all: the kafka sink waits for every in-sync replica;"
                    + " remove acks", acks);
        }
        return new KafkaSink(settings.connector(), bootstrapServers, topic, producer, openTimeout);
    }
}
