package io.flume.runtime.inline;

import java.time.Duration;

/**
 * Fails a record that would wait longer for a {@code rate-limit} token than a stream thread may
 * block without being removed from its consumer group.
 */
public final class RateLimitExceededException extends RuntimeException {

    private final Duration wait;

    public RateLimitExceededException(String message, Duration wait) {
        super(message);
        this.wait = wait;
    }

    /** Returns how long the record would have waited for its token. */
    public Duration requiredWait() {
        return wait;
    }
}
