package io.flume.events;

import io.flume.runtime.metrics.RateLimitedLogger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one registry. {@link #emit} calls each of them; a listener that throws is
 * counted and logged (at most once a minute), and the others still receive the event.
 */
public final class Listeners {

    private static final RateLimitedLogger FAILURES =
            new RateLimitedLogger(LoggerFactory.getLogger(Listeners.class), Duration.ofMinutes(1));

    private final List<FlumeListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong failures = new AtomicLong();

    public void add(FlumeListener listener) {
        listeners.add(listener);
    }

    public boolean remove(FlumeListener listener) {
        return listeners.remove(listener);
    }

    /** Returns true when at least one listener would receive an event, so that callers can skip building one. */
    public boolean any() {
        return !listeners.isEmpty();
    }

    public void emit(FlumeEvent event) {
        for (FlumeListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                FAILURES.warn("Flume listener {} threw on {}: {}", listener, event.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** Returns how many times a listener threw. */
    public long failures() {
        return failures.get();
    }
}
