package io.flume.runtime.errors;

import org.apache.kafka.streams.errors.StreamsException;

/**
 * Thrown in the stream thread for a failure that the schema did not handle when
 * {@code errors.on-unhandled} is {@code fail}; Kafka Streams then stops the application.
 */
public final class UnhandledFailureException extends StreamsException {

    public UnhandledFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
