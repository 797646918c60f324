package io.flume.runtime.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one Flume application: per node, per stream, and for records that left the
 * pipeline without reaching a stream (dead-lettered, logged, failed in a {@code scaffold}, or
 * undecodable). Every record that is dropped is counted here.
 */
public final class FlumeMetrics {

    private final Map<String, NodeCounters> nodes = new ConcurrentSkipListMap<>();
    private final Map<String, LongAdder> streamSends = new ConcurrentSkipListMap<>();
    private final LongAdder sourceRecords = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder unhandledLogged = new LongAdder();
    private final LongAdder scaffoldFailures = new LongAdder();
    private final LongAdder deserializationFailures = new LongAdder();
    private final LongAdder productionFailures = new LongAdder();
    private final Map<String, LongAdder> directChannelTimeouts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rateLimitWaits = new ConcurrentSkipListMap<>();
    private final Map<String, LongAdder> rateLimitWaitNanos = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rateLimitRejections = new ConcurrentSkipListMap<>();

    /** Returns the counters of a node, creating them on first use. */
    public NodeCounters node(String nodeName, String nodePath) {
        return nodes.computeIfAbsent(nodeName, name -> new NodeCounters(name, nodePath));
    }

    public Map<String, NodeCounters> nodes() {
        return Map.copyOf(nodes);
    }

    public void recordStreamSend(String stream) {
        streamSends.computeIfAbsent(stream, name -> new LongAdder()).increment();
    }

    /** Returns how many records each stream node sent, by stream name. */
    public Map<String, Long> streamSends() {
        Map<String, Long> result = new java.util.TreeMap<>();
        streamSends.forEach((stream, count) -> result.put(stream, count.sum()));
        return result;
    }

    /** Counts a record that entered the pipeline from a source topic (undecodable records are counted apart). */
    public void recordSourceRecord() {
        sourceRecords.increment();
    }

    public long sourceRecords() {
        return sourceRecords.sum();
    }

    /** Counts a source record that reached the end of the root node's line, healthy or failed. */
    public void recordCompleted() {
        completed.increment();
    }

    /**
     * Returns how many source records the pipeline has finished with: the decoded ones that
     * reached the end of the pipeline, and the undecodable ones that were dead-lettered, logged or
     * skipped. A record counts only once every node is done with it, so a record waiting in a
     * retry topic or a gather store does not count yet. Counting at the source instead would let
     * a caller read the stream counts while the last record is still on its way.
     */
    public long recordsProcessed() {
        return completed.sum() + deserializationFailures.sum();
    }

    public void recordDeadLettered() {
        deadLettered.increment();
    }

    public long deadLettered() {
        return deadLettered.sum();
    }

    public void recordUnhandledLogged() {
        unhandledLogged.increment();
    }

    public long unhandledLogged() {
        return unhandledLogged.sum();
    }

    public void recordScaffoldFailure() {
        scaffoldFailures.increment();
    }

    public long scaffoldFailures() {
        return scaffoldFailures.sum();
    }

    public void recordDeserializationFailure() {
        deserializationFailures.increment();
    }

    public long deserializationFailures() {
        return deserializationFailures.sum();
    }

    public void recordProductionFailure() {
        productionFailures.increment();
    }

    public long productionFailures() {
        return productionFailures.sum();
    }

    public void recordDirectChannelTimeout(String channel) {
        directChannelTimeouts.computeIfAbsent(channel, name -> new LongAdder()).increment();
    }

    /** Counts a record that waited {@code waitNanos} for a token of the {@code rate-limit} node {@code nodeName}. */
    public void recordRateLimitWait(String nodeName, long waitNanos) {
        rateLimitWaits.computeIfAbsent(nodeName, name -> new LongAdder()).increment();
        rateLimitWaitNanos.computeIfAbsent(nodeName, name -> new LongAdder()).add(waitNanos);
    }

    /** Counts a record that failed because it would have waited too long for a token. */
    public void recordRateLimitRejection(String nodeName) {
        rateLimitRejections.computeIfAbsent(nodeName, name -> new LongAdder()).increment();
    }

    /** Returns how many records waited for a token, by rate-limit node name. */
    public Map<String, Long> rateLimitWaits() {
        return sums(rateLimitWaits);
    }

    /** Returns how long records waited for tokens in all, in nanoseconds, by rate-limit node name. */
    public Map<String, Long> rateLimitWaitNanos() {
        return sums(rateLimitWaitNanos);
    }

    /** Returns how many records failed instead of waiting too long for a token, by rate-limit node name. */
    public Map<String, Long> rateLimitRejections() {
        return sums(rateLimitRejections);
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> result = new java.util.TreeMap<>();
        counters.forEach((name, count) -> result.put(name, count.sum()));
        return result;
    }
}
