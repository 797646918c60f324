package io.flume.runtime.errors;

import io.flume.runtime.envelope.Envelope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds the {@code flume.*} headers of dead-letter records. */
public final class DeadLetterRecords {

    private DeadLetterRecords() {
    }

    /**
     * Returns a copy of {@code original} with the failure headers added; any {@code flume.error.*}
     * and {@code flume.source.*} headers of an earlier failure are replaced.
     */
    public static Headers failureHeaders(Headers original, String nodeName, String nodePath, Throwable error,
                                         int attempts, Instant time, String topic, int partition, long offset) {
        return failureHeaders(original, nodeName, nodePath, error, attempts, time, null, topic, partition, offset);
    }

    /**
     * Returns a copy of {@code original} with the failure headers added, and with the
     * {@code flume.error.first.*} headers of {@code first} when a retry node gave up on the
     * failure (null otherwise). Headers of an earlier failure are replaced or, for
     * {@code flume.error.first.*} without {@code first}, removed.
     */
    public static Headers failureHeaders(Headers original, String nodeName, String nodePath, Throwable error,
                                         int attempts, Instant time, Envelope.FirstFailure first,
                                         String topic, int partition, long offset) {
        RecordHeaders headers = new RecordHeaders(original == null ? new org.apache.kafka.common.header.Header[0] : original.toArray());
        put(headers, FlumeHeaders.ERROR_NODE, nodeName);
        put(headers, FlumeHeaders.ERROR_PATH, nodePath);
        put(headers, FlumeHeaders.ERROR_CLASS, error.getClass().getName());
        put(headers, FlumeHeaders.ERROR_MESSAGE, error.getMessage() == null ? error.getClass().getName() : error.getMessage());
        put(headers, FlumeHeaders.ERROR_ATTEMPTS, Integer.toString(attempts));
        put(headers, FlumeHeaders.ERROR_TIME, time.toString());
        headers.remove(FlumeHeaders.ERROR_FIRST_CLASS);
        headers.remove(FlumeHeaders.ERROR_FIRST_MESSAGE);
        headers.remove(FlumeHeaders.ERROR_FIRST_PATH);
        if (first != null) {
            put(headers, FlumeHeaders.ERROR_FIRST_CLASS, first.errorClass());
            put(headers, FlumeHeaders.ERROR_FIRST_MESSAGE, first.message());
            put(headers, FlumeHeaders.ERROR_FIRST_PATH, first.nodePath());
        }
        put(headers, FlumeHeaders.SOURCE_TOPIC, topic == null ? "" : topic);
        put(headers, FlumeHeaders.SOURCE_PARTITION, Integer.toString(partition));
        put(headers, FlumeHeaders.SOURCE_OFFSET, Long.toString(offset));
        return headers;
    }

    /** Returns a header's value as UTF-8 text, or null when the header is absent. */
    public static String header(Headers headers, String name) {
        org.apache.kafka.common.header.Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
