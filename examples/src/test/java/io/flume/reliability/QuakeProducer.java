package io.flume.reliability;

import io.flume.reliability.QuakeInputs.Input;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces inputs into the source topic from a thread of its own, in batches at a steady pace,
 * until all are sent or it is stopped. A batch counts as sent once the broker acknowledged it,
 * so {@link #sent()} is the number of inputs, from the first, that the topic holds.
 */
final class QuakeProducer implements AutoCloseable {

    private final List<Input> inputs;
    private final KafkaProducer<byte[], byte[]> producer;
    private final int batchSize;
    private final long pauseMillis;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;

    QuakeProducer(String bootstrapServers, List<Input> inputs, int batchSize, long pauseMillis) {
        this.inputs = inputs;
        this.batchSize = batchSize;
        this.pauseMillis = pauseMillis;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 180_000,
                ProducerConfig.LINGER_MS_CONFIG, 5), new ByteArraySerializer(), new ByteArraySerializer());
        this.thread = new Thread(this::run, "reliability-producer");
    }

    QuakeProducer start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (!stopped.get() && sent.get() < inputs.size()) {
                int from = sent.get();
                int to = Math.min(inputs.size(), from + batchSize);
                for (Input input : inputs.subList(from, to)) {
                    producer.send(new ProducerRecord<>(QuakeInputs.SOURCE, input.id().getBytes(StandardCharsets.UTF_8),
                            input.json().getBytes(StandardCharsets.UTF_8))).get();
                }
                sent.set(to);
                Thread.sleep(pauseMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            failure.set(e);
        }
    }

    /** Stops producing after the current batch and returns the inputs that the topic holds. */
    List<Input> stop() throws InterruptedException {
        stopped.set(true);
        thread.join(200_000);
        if (failure.get() != null) {
            throw new AssertionError("producing the inputs failed after " + sent.get() + " records", failure.get());
        }
        return inputs.subList(0, sent.get());
    }

    /** Waits until every input is sent, at most {@code timeoutMillis}, and returns the inputs sent. */
    List<Input> awaitAll(long timeoutMillis) throws InterruptedException {
        thread.join(timeoutMillis);
        return stop();
    }

    int sent() {
        return sent.get();
    }

    @Override
    public void close() {
        stopped.set(true);
        producer.close();
    }
}
