package io.flume.runtime.retry;

import java.time.Duration;

/** The waits of a {@code retry} node with {@code backoff}: {@code backoff}, then doubled each time. */
public final class RetryDelays {

    /** The minimum interval at which a retry store is scanned for due records. */
    public static final Duration MIN_PUNCTUATION_INTERVAL = Duration.ofMillis(10);
    /** The maximum interval at which a retry store is scanned for due records. */
    public static final Duration MAX_PUNCTUATION_INTERVAL = Duration.ofSeconds(1);

    private RetryDelays() {
    }

    /**
     * Returns the wait after the {@code failedAttempt}-th run failed: {@code backoff} after the
     * first, twice that after the second, and so on, capped at 24 days so that it never
     * overflows.
     */
    public static Duration after(Duration backoff, int failedAttempt) {
        int doublings = Math.max(0, Math.min(failedAttempt - 1, 30));
        long millis = backoff.toMillis();
        long cap = Duration.ofDays(24).toMillis();
        if (millis > (cap >> doublings)) {
            return Duration.ofMillis(cap);
        }
        return Duration.ofMillis(Math.max(1, millis << doublings));
    }

    /**
     * Returns how often a retry store with this {@code backoff} is scanned: half the backoff,
     * between {@link #MIN_PUNCTUATION_INTERVAL} and {@link #MAX_PUNCTUATION_INTERVAL}, so that a
     * record is released at most half a backoff (and at most a second) late.
     */
    public static Duration punctuationInterval(Duration backoff) {
        Duration half = backoff.dividedBy(2);
        if (half.compareTo(MIN_PUNCTUATION_INTERVAL) < 0) {
            return MIN_PUNCTUATION_INTERVAL;
        }
        return half.compareTo(MAX_PUNCTUATION_INTERVAL) > 0 ? MAX_PUNCTUATION_INTERVAL : half;
    }
}
