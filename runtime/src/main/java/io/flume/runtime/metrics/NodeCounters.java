package io.flume.runtime.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Record counts and processing time of one node: records that entered it, that left it healthy,
 * and that failed in it; for a {@code filter} or {@code switch}, the records per route; for a
 * {@code retry}, the attempts it scheduled and the records it gave up on.
 *
 * <p>Counters are {@link LongAdder}s, cheap on the stream thread and independent of any meter
 * registry; {@link FlumeMeterBinder} exposes them as Micrometer meters. Counters created by
 * {@link FlumeMetrics#withoutNodeMetrics()} ignore every call, and their timer reads no clock.
 */
public final class NodeCounters {

    private final String nodeName;
    private final String nodePath;
    private final String kind;
    private final boolean enabled;
    private final FlumeMetrics owner;
    private final LongAdder in = new LongAdder();
    private final LongAdder out = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder timedRuns = new LongAdder();
    private final LongAdder processingNanos = new LongAdder();
    private final LongAdder retriesScheduled = new LongAdder();
    private final LongAdder retriesExhausted = new LongAdder();
    private final Map<String, LongAdder> routes = new ConcurrentHashMap<>();

    NodeCounters(String nodeName, String nodePath, String kind, FlumeMetrics owner) {
        this.nodeName = nodeName;
        this.nodePath = nodePath;
        this.kind = kind;
        this.owner = owner;
        this.enabled = owner.nodeMetricsEnabled();
    }

    public String nodeName() {
        return nodeName;
    }

    public String nodePath() {
        return nodePath;
    }

    /** Returns the node's kind as the schema spells it ({@code ref}, {@code filter}, {@code retry}, …). */
    public String kind() {
        return kind;
    }

    public void recordIn() {
        if (enabled) {
            in.increment();
        }
    }

    public void recordOut() {
        if (enabled) {
            out.increment();
        }
    }

    public void recordFailed() {
        if (enabled) {
            failed.increment();
        }
    }

    /**
     * Starts timing one run of the node's code; pass the result to {@link #stopTimer(long)}.
     * Returns 0 without reading the clock when node metrics are off.
     */
    public long startTimer() {
        return enabled ? System.nanoTime() : 0L;
    }

    /** Adds the time since {@code start}, a value of {@link #startTimer()}, to the node's processing time. */
    public void stopTimer(long start) {
        if (enabled) {
            processingNanos.add(System.nanoTime() - start);
            timedRuns.increment();
        }
    }

    /** Counts a record that a {@code filter} or {@code switch} sent to the route labelled {@code route}. */
    public void recordRoute(String route) {
        if (!enabled || route == null) {
            return;
        }
        LongAdder counter = routes.get(route);
        if (counter == null) {
            counter = routes.computeIfAbsent(route, label -> new LongAdder());
            owner.routeAdded(this, route);
        }
        counter.increment();
    }

    /** Counts a further attempt that a {@code retry} node scheduled or started after a failure. */
    public void recordRetryScheduled() {
        if (enabled) {
            retriesScheduled.increment();
        }
    }

    /** Counts a record whose last attempt in a {@code retry} node failed. */
    public void recordRetryExhausted() {
        if (enabled) {
            retriesExhausted.increment();
        }
    }

    public long in() {
        return in.sum();
    }

    public long out() {
        return out.sum();
    }

    public long failed() {
        return failed.sum();
    }

    /** Returns how many runs of the node's code were timed. */
    public long timedRuns() {
        return timedRuns.sum();
    }

    /** Returns the total processing time of the timed runs, in nanoseconds. */
    public long processingNanos() {
        return processingNanos.sum();
    }

    public long retriesScheduled() {
        return retriesScheduled.sum();
    }

    public long retriesExhausted() {
        return retriesExhausted.sum();
    }

    /** Returns how many records took each route, by route label ({@code then}, {@code routes.high}, …). */
    public Map<String, Long> routes() {
        Map<String, Long> result = new TreeMap<>();
        routes.forEach((route, count) -> result.put(route, count.sum()));
        return result;
    }

    /** Returns the counter of one route label, for a meter to read. */
    LongAdder routeCounter(String route) {
        return routes.computeIfAbsent(route, label -> new LongAdder());
    }
}
