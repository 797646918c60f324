package io.flume.runtime.metrics;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs at most one message per interval for a repeating event, and says how many were left out.
 * Used for per-record events such as dead-lettered records, which must be logged but must not
 * flood the log.
 */
public final class RateLimitedLogger {

    private final Logger logger;
    private final long intervalNanos;
    private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    public RateLimitedLogger(Logger logger, java.time.Duration interval) {
        this.logger = logger;
        this.intervalNanos = interval.toNanos();
    }

    /** Logs a warning now, or counts it when one was logged within the interval. */
    public void warn(String format, Object... arguments) {
        long now = System.nanoTime();
        long allowedAt = nextAllowed.get();
        if ((allowedAt == Long.MIN_VALUE || now - allowedAt >= 0) && nextAllowed.compareAndSet(allowedAt, now + intervalNanos)) {
            long skipped = suppressed.getAndSet(0);
            if (skipped > 0) {
                logger.warn(format + " (" + skipped + " similar messages suppressed)", arguments);
            } else {
                logger.warn(format, arguments);
            }
        } else {
            suppressed.incrementAndGet();
        }
    }
}
