package io.flume.runtime.inline;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The token bucket of one {@code rate-limit} node in one application instance, shared by every
 * thread that runs the node. The bucket contains at most {@code burstSize} tokens and gains
 * {@code requestsPerSecond} tokens a second; each record takes one.
 *
 * <p>{@link #reserve} takes the token at once, even when it is only due in the future, and
 * returns how long the caller must wait for it: callers queue up in the order they reserved,
 * without holding the lock while they sleep.
 */
public final class RateLimiter {

    /**
     * The maximum wait of a record for a token. A stream thread that waits does not poll, and a
     * consumer that does not poll within {@code max.poll.interval.ms} (300000 ms by default in
     * Kafka's consumer config) is removed from its group, so a wait must stay well below that.
     * 60 s is a fifth of the default, and {@link #maxWaitFor} lowers it to half of a smaller
     * configured interval.
     */
    public static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private static final double NANOS_PER_SECOND = 1_000_000_000.0;

    private double requestsPerSecond;
    private int burstSize;
    private final LongSupplier nanoTime;
    private double tokens;
    private long lastRefillNanos;

    public RateLimiter(double requestsPerSecond, int burstSize) {
        this(requestsPerSecond, burstSize, System::nanoTime);
    }

    /** Creates a bucket that reads the time from {@code nanoTime}, a monotonic clock in nanoseconds. */
    public RateLimiter(double requestsPerSecond, int burstSize, LongSupplier nanoTime) {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requests_per_second must be a positive number, got " + requestsPerSecond);
        }
        if (burstSize < 1) {
            throw new IllegalArgumentException("burst_size must be at least 1, got " + burstSize);
        }
        this.requestsPerSecond = requestsPerSecond;
        this.burstSize = burstSize;
        this.nanoTime = nanoTime;
        this.tokens = burstSize;
        this.lastRefillNanos = nanoTime.getAsLong();
    }

    /**
     * Applies the settings of a reloaded schema: tokens gained so far are kept, up to the new
     * burst size, and the bucket refills at the new rate from now on.
     */
    public synchronized void reconfigure(double requestsPerSecond, int burstSize) {
        if (requestsPerSecond == this.requestsPerSecond && burstSize == this.burstSize) {
            return;
        }
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond) || burstSize < 1) {
            throw new IllegalArgumentException("requests_per_second must be positive and burst_size at least 1, got "
                    + requestsPerSecond + " and " + burstSize);
        }
        refill();
        this.requestsPerSecond = requestsPerSecond;
        this.burstSize = burstSize;
        tokens = Math.min(tokens, burstSize);
    }

    /** Returns the longest wait for a consumer whose {@code max.poll.interval.ms} is {@code maxPollIntervalMs}. */
    public static Duration maxWaitFor(long maxPollIntervalMs) {
        Duration half = Duration.ofMillis(Math.max(0, maxPollIntervalMs / 2));
        return half.compareTo(MAX_WAIT) < 0 ? half : MAX_WAIT;
    }

    /**
     * Takes a token and returns how many nanoseconds the caller must wait before using it: 0 when
     * one was available. Returns -1 and takes nothing when the wait would exceed {@code maxWaitNanos}.
     */
    public synchronized long reserve(long maxWaitNanos) {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        long waitNanos = (long) Math.ceil((1 - tokens) / requestsPerSecond * NANOS_PER_SECOND);
        if (waitNanos > maxWaitNanos) {
            return -1;
        }
        tokens -= 1;
        return waitNanos;
    }

    /** Returns how long a record arriving now would wait for its token, without taking one. */
    public synchronized Duration currentWait() {
        refill();
        return tokens >= 1 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil((1 - tokens) / requestsPerSecond * NANOS_PER_SECOND));
    }

    private void refill() {
        long now = nanoTime.getAsLong();
        long elapsed = now - lastRefillNanos;
        if (elapsed > 0) {
            tokens = Math.min(burstSize, tokens + elapsed * requestsPerSecond / NANOS_PER_SECOND);
            lastRefillNanos = now;
        }
    }

    public synchronized double requestsPerSecond() {
        return requestsPerSecond;
    }

    public synchronized int burstSize() {
        return burstSize;
    }
}
