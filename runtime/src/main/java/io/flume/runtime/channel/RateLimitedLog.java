package io.flume.runtime.channel;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs a repeated warning at most once per interval, with the number of occurrences since the
 * last line, so that a full channel cannot flood the log.
 */
final class RateLimitedLog {

    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong suppressed = new AtomicLong();
    private volatile long lastLoggedAt;
    private volatile boolean loggedOnce;

    RateLimitedLog(Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
    }

    /** Logs {@code format} at WARN unless a line was logged within the interval; counts it either way. */
    void warn(String format, Object... arguments) {
        long now = System.nanoTime();
        synchronized (this) {
            if (loggedOnce && now - lastLoggedAt < intervalNanos) {
                suppressed.incrementAndGet();
                return;
            }
            loggedOnce = true;
            lastLoggedAt = now;
        }
        long skipped = suppressed.getAndSet(0);
        if (skipped > 0) {
            log.warn(format + " ({} more since the last message)", append(arguments, skipped));
        } else {
            log.warn(format, arguments);
        }
    }

    private static Object[] append(Object[] arguments, Object last) {
        Object[] all = new Object[arguments.length + 1];
        System.arraycopy(arguments, 0, all, 0, arguments.length);
        all[arguments.length] = last;
        return all;
    }
}
