package io.flume.connectors;

import io.flume.runtime.errors.DeadLetterRecords;
import io.flume.runtime.errors.FlumeHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends records that a connector could not write to the application's dead-letter topic, with
 * the {@code flume.error.*} and {@code flume.source.*} headers and {@link FlumeHeaders#CONNECTOR}.
 * One producer serves every connector of an application; it is created at the first dead letter.
 */
final class DeadLetterWriter implements AutoCloseable {

    private final String topic;
    private final Map<String, Object> producerConfig;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean closed;

    DeadLetterWriter(String topic, Map<String, Object> producerConfig) {
        this.topic = topic;
        this.producerConfig = new HashMap<>(producerConfig);
    }

    String topic() {
        return topic;
    }

    /** Sends {@code record}; the caller waits on the returned future before it acknowledges the record. */
    Future<RecordMetadata> send(String connector, SinkRecord record, SinkException error, int attempts) {
        Headers headers = DeadLetterRecords.failureHeaders(record.headers(), connector, "connectors." + connector, error,
                attempts, Instant.now(), record.topic(), record.partition(), record.offset());
        headers.remove(FlumeHeaders.CONNECTOR);
        headers.add(FlumeHeaders.CONNECTOR, connector.getBytes(StandardCharsets.UTF_8));
        return producer().send(new ProducerRecord<>(topic, null, record.timestamp(), record.key(), record.value(), headers));
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (closed) {
            throw new KafkaException("the dead-letter producer of topic " + topic + " is closed");
        }
        if (producer == null) {
            Map<String, Object> properties = new HashMap<>(producerConfig);
            properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, topic + "-connectors");
            producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
