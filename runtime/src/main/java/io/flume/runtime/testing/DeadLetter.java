package io.flume.runtime.testing;

import io.flume.runtime.errors.DeadLetterRecords;
import io.flume.runtime.errors.FlumeHeaders;
import org.apache.kafka.common.header.Headers;

/**
 * A record read from the dead-letter topic in a test. The value stays as bytes, because a record
 * that could not be deserialized is dead-lettered with its original bytes.
 *
 * @param key the key, deserialized with the source's key serde (null when it cannot be)
 * @param value the value's bytes, or null
 * @param headers the record's headers, including the {@code flume.*} failure headers
 */
public record DeadLetter(Object key, byte[] value, Headers headers) {

    public String errorMessage() {
        return header(FlumeHeaders.ERROR_MESSAGE);
    }

    public String errorNode() {
        return header(FlumeHeaders.ERROR_NODE);
    }

    public String errorPath() {
        return header(FlumeHeaders.ERROR_PATH);
    }

    public String errorClass() {
        return header(FlumeHeaders.ERROR_CLASS);
    }

    /** Returns a header's value as text, or null when the record lacks it. */
    public String header(String name) {
        return DeadLetterRecords.header(headers, name);
    }

    /** Returns the value as UTF-8 text, or null. */
    public String valueText() {
        return value == null ? null : new String(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
