package io.flume.runtime.errors;

import io.flume.runtime.metrics.DeadLetterReason;
import io.flume.runtime.metrics.FlumeMetrics;
import io.flume.runtime.metrics.RateLimitedLogger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records that cannot be produced (too large, rejected by the broker, or failing to
 * serialize) to the dead-letter topic, and goes on. A record that cannot be serialized has no
 * bytes of its own, so its dead-letter record carries the source record's original bytes. A
 * failure to produce to the dead-letter topic itself stops the application, because the record
 * would otherwise be lost.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private final RateLimitedLogger rateLimitedLog = new RateLimitedLogger(LOG, Duration.ofSeconds(10));
    private ErrorHandlerConfig config;

    @Override
    public void configure(Map<String, ?> configs) {
        this.config = ErrorHandlerConfig.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        return deadLetter(context, record.topic(), record.key(), record.value(), record.headers(), exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        return deadLetter(context, record.topic(), context.sourceRawKey(), context.sourceRawValue(), record.headers(), exception);
    }

    private Response deadLetter(ErrorHandlerContext context, String targetTopic, byte[] key, byte[] value,
                                Headers headers, Exception exception) {
        FlumeMetrics metrics = config.metrics();
        if (metrics != null) {
            metrics.recordProductionFailure();
        }
        if (config.deadLetterTopic().equals(targetTopic)) {
            LOG.error("A record could not be written to the dead-letter topic {}: {}", targetTopic, exception.getMessage());
            return Response.fail();
        }
        if (config.mode() == UnhandledFailureMode.FAIL) {
            LOG.error("A record could not be written to {} and errors.on-unhandled is 'fail': {}", targetTopic, exception.getMessage());
            return Response.fail();
        }
        if (config.mode() == UnhandledFailureMode.LOG) {
            rateLimitedLog.warn("A record could not be written to {} and was skipped: {}", targetTopic, exception.getMessage());
            return Response.resume();
        }
        rateLimitedLog.warn("A record could not be written to {}: {}; sent to dead-letter topic {}",
                targetTopic, exception.getMessage(), config.deadLetterTopic());
        if (metrics != null) {
            metrics.recordDeadLettered(DeadLetterReason.PRODUCTION_FAILURE);
        }
        ProducerRecord<byte[], byte[]> deadLetter = new ProducerRecord<>(config.deadLetterTopic(), null, key, value,
                DeadLetterRecords.failureHeaders(headers, "sink:" + targetTopic, context.processorNodeId(), exception, 1,
                        Instant.now(), context.topic(), context.partition(), context.offset()));
        return Response.resume(List.of(deadLetter));
    }
}
