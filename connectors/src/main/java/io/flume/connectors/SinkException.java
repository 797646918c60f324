package io.flume.connectors;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure to write to a sink's target. A transient failure (a lost connection, a timeout, an
 * HTTP 5xx or 429) is retried with backoff; a permanent one (a record the target rejects, an HTTP
 * 4xx) sends the record to the dead-letter topic.
 */
public class SinkException extends Exception {

    private final boolean transientFailure;
    private final Duration retryAfter;

    public SinkException(String message, boolean transientFailure, Throwable cause) {
        this(message, transientFailure, cause, null);
    }

    /**
     * Creates a failure with the delay the target asked for before the next try, such as an HTTP
     * {@code Retry-After}; the runner honours it within its {@code retry.max-backoff}.
     */
    public SinkException(String message, boolean transientFailure, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.retryAfter = retryAfter;
    }

    public static SinkException transientFailure(String message, Throwable cause) {
        return new SinkException(message, true, cause);
    }

    public static SinkException permanentFailure(String message, Throwable cause) {
        return new SinkException(message, false, cause);
    }

    /** Returns the delay the target asked for before the next try, when it named one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Returns true when trying again later may succeed. */
    public boolean isTransient() {
        return transientFailure;
    }
}
