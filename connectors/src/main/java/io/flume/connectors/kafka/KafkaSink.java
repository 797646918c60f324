package io.flume.connectors.kafka;

import io.flume.connectors.Sink;
import io.flume.connectors.SinkException;
import io.flume.connectors.SinkRecord;
import io.flume.connectors.WriteResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes records to a topic of another (or the same) Kafka cluster with an idempotent producer
 * ({@code enable.idempotence=true}, {@code acks=all}), keeping each record's key, value, headers
 * and timestamp. A batch is sent whole, then flushed, then every send is checked: a retriable
 * Kafka error (a timeout, a leader change) is transient, any other is permanent for its record.
 */
final class KafkaSink implements Sink {

    private final String connector;
    private final String bootstrapServers;
    private final String topic;
    private final Map<String, String> extraProperties;
    private final Duration openTimeout;
    private KafkaProducer<byte[], byte[]> producer;

    KafkaSink(String connector, String bootstrapServers, String topic, Map<String, String> extraProperties, Duration openTimeout) {
        this.connector = connector;
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.extraProperties = extraProperties;
        this.openTimeout = openTimeout;
    }

    /** Returns the producer properties: the {@code producer} setting, then the ones this sink's guarantees need. */
    Map<String, Object> producerProperties() {
        Map<String, Object> properties = new HashMap<>(extraProperties);
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "flume-connector-" + connector);
        properties.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(openTimeout.toMillis()));
        return properties;
    }

    @Override
    public void open() throws SinkException {
        try {
            producer = new KafkaProducer<>(producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
            // Waits for the topic's metadata, at most max.block.ms: proves the cluster responds and the topic exists.
            producer.partitionsFor(topic);
        } catch (KafkaException e) {
            throw SinkException.permanentFailure("Kafka at " + bootstrapServers + " did not return the partitions of topic '"
                    + topic + "' within " + openTimeout.toMillis() + " ms (" + e.getMessage() + "); check 'bootstrap-servers',"
                    + " that the cluster is up and that the topic exists", e);
        }
    }

    @Override
    public WriteResult write(List<SinkRecord> batch) throws SinkException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
        Map<Integer, SinkException> failures = new HashMap<>();
        try {
            for (int i = 0; i < batch.size(); i++) {
                SinkRecord record = batch.get(i);
                try {
                    sent.add(producer.send(new ProducerRecord<>(topic, null, record.timestamp(), record.key(), record.value(),
                            record.headers())));
                } catch (KafkaException e) {
                    sent.add(null);
                    failures.put(i, classify(e));
                }
            }
            producer.flush();
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
            throw SinkException.transientFailure("interrupted while writing to topic " + topic, e);
        }
        for (int i = 0; i < sent.size(); i++) {
            Future<RecordMetadata> future = sent.get(i);
            if (future == null) {
                continue;
            }
            try {
                future.get();
            } catch (ExecutionException e) {
                failures.put(i, classify(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw SinkException.transientFailure("interrupted while waiting for topic " + topic, e);
            }
        }
        return WriteResult.withFailures(failures);
    }

    private SinkException classify(Throwable error) {
        String message = "topic " + topic + " on " + bootstrapServers + ": " + error;
        return error instanceof RetriableException
                ? SinkException.transientFailure(message, error)
                : SinkException.permanentFailure(message, error);
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
