package io.flume.runtime.app;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.processor.internals.DefaultKafkaClientSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Kafka Streams' clients as Kafka's default supplier does, and loads the dead-letter
 * topic's metadata into every producer as soon as it is created.
 *
 * <p>Kafka Streams 4.4 sends the dead-letter records that a production exception handler returns
 * from the producer's send callback, on the producer's I/O thread. A send to a topic without
 * metadata there waits for metadata that only that thread can fetch, fails after
 * {@code max.block.ms}, and the dead-letter handler then stops the application. With the
 * metadata loaded at creation and kept (see {@link StreamsRunner}, which raises
 * {@code metadata.max.idle.ms}), that send does not wait.
 */
final class DeadLetterMetadataClientSupplier implements KafkaClientSupplier {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterMetadataClientSupplier.class);

    // NOTE: DefaultKafkaClientSupplier is in Kafka Streams' internals package, so a Kafka upgrade
    // may move it. It is used so that every client is created exactly as Kafka Streams would.
    private final KafkaClientSupplier delegate = new DefaultKafkaClientSupplier();
    private final String deadLetterTopic;

    DeadLetterMetadataClientSupplier(String deadLetterTopic) {
        this.deadLetterTopic = deadLetterTopic;
    }

    @Override
    public Admin getAdmin(Map<String, Object> config) {
        return delegate.getAdmin(config);
    }

    @Override
    public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
        Producer<byte[], byte[]> producer = delegate.getProducer(config);
        try {
            producer.partitionsFor(deadLetterTopic);
        } catch (KafkaException e) {
            LOG.warn("Could not load the metadata of dead-letter topic {}: {}. A record that the broker rejects may then"
                    + " stop the application instead of reaching that topic; create the topic", deadLetterTopic, e.toString());
        }
        return producer;
    }

    @Override
    public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
        return delegate.getConsumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
        return delegate.getRestoreConsumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
        return delegate.getGlobalConsumer(config);
    }
}
