package io.flume.runtime.errors;

import io.flume.runtime.metrics.DeadLetterReason;
import io.flume.runtime.metrics.FlumeMetrics;
import io.flume.runtime.metrics.RateLimitedLogger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records that cannot be deserialized (poison pills) to the dead-letter topic with their
 * original bytes and the {@code flume.*} headers, through the dead-letter records of Kafka
 * Streams' exception handler response, and goes on with the next record. With
 * {@code errors.on-unhandled: fail} it stops the application instead; with {@code log} it logs,
 * counts and skips the record.
 *
 * <p>Configured through the Streams properties {@link ErrorHandlerConfig#DEAD_LETTER_TOPIC},
 * {@link ErrorHandlerConfig#ON_UNHANDLED} and {@link ErrorHandlerConfig#METRICS}.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
    static final String SOURCE_NODE = "flume.source";

    private final RateLimitedLogger rateLimitedLog = new RateLimitedLogger(LOG, Duration.ofSeconds(10));
    private ErrorHandlerConfig config;

    @Override
    public void configure(Map<String, ?> configs) {
        this.config = ErrorHandlerConfig.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        FlumeMetrics metrics = config.metrics();
        if (metrics != null) {
            metrics.recordDeserializationFailure();
        }
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        return switch (config.mode()) {
            case FAIL -> {
                LOG.error("Record {} cannot be deserialized and errors.on-unhandled is 'fail': {}", where, exception.getMessage());
                yield Response.fail();
            }
            case LOG -> {
                rateLimitedLog.warn("Record {} cannot be deserialized and was skipped: {}", where, exception.getMessage());
                yield Response.resume();
            }
            case DEAD_LETTER -> {
                rateLimitedLog.warn("Record {} cannot be deserialized: {}; sent to dead-letter topic {}",
                        where, exception.getMessage(), config.deadLetterTopic());
                if (metrics != null) {
                    metrics.recordDeadLettered(DeadLetterReason.POISON_PILL);
                }
                ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>(config.deadLetterTopic(), null,
                        record.key(), record.value(),
                        DeadLetterRecords.failureHeaders(record.headers(), SOURCE_NODE, "source", exception, 1,
                                Instant.now(), record.topic(), record.partition(), record.offset()));
                yield Response.resume(List.of(deadLetter));
            }
        };
    }
}
