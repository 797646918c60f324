package io.flume.runtime.metrics;

import io.flume.api.Channel;
import io.flume.runtime.inline.CircuitBreaker;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one Flume application: per node, per stream, and for records that left the
 * pipeline without reaching a stream (dead-lettered, logged, failed in a {@code scaffold}, or
 * undecodable). Every record that is dropped is counted here.
 *
 * <p>The counters work without a meter registry; {@link FlumeMeterBinder} exposes them, the
 * circuit breakers and the channels registered here as Micrometer meters tagged with the
 * application id and the node's name and path.
 */
public final class FlumeMetrics {

    private final boolean nodeMetrics;
    private final Map<String, NodeCounters> nodes = new ConcurrentSkipListMap<>();
    private final Map<DeadLetterReason, LongAdder> deadLettersByReason = new EnumMap<>(DeadLetterReason.class);
    private final Map<String, String> rateLimitPaths = new ConcurrentSkipListMap<>();
    private final Map<String, NodeBreaker> circuitBreakers = new ConcurrentSkipListMap<>();
    private final Map<String, Channel<?>> channels = new ConcurrentSkipListMap<>();
    private volatile FlumeMeterBinder binder;
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

    /** A {@code circuit-breaker} node's breaker, with the node's schema path. */
    public record NodeBreaker(String nodePath, CircuitBreaker breaker) {
    }

    /** Creates the metrics of an application, with per-node counters and processing time. */
    public FlumeMetrics() {
        this(true);
    }

    private FlumeMetrics(boolean nodeMetrics) {
        this.nodeMetrics = nodeMetrics;
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadLettersByReason.put(reason, new LongAdder());
        }
    }

    /**
     * Creates metrics whose per-node counters and timers ignore every call, to measure or avoid
     * their cost. The application-level counts (source records, completed, dead letters, stream
     * sends) still work, because the runner and the {@code flume} command read them.
     */
    public static FlumeMetrics withoutNodeMetrics() {
        return new FlumeMetrics(false);
    }

    /** Returns whether per-node counters and timers count. */
    public boolean nodeMetricsEnabled() {
        return nodeMetrics;
    }

    /**
     * Returns the counters of a node, creating them on first use.
     *
     * @param kind the node's kind as the schema spells it, such as {@code filter}; a meter tag
     */
    public NodeCounters node(String nodeName, String nodePath, String kind) {
        return nodes.computeIfAbsent(nodeName, name -> new NodeCounters(name, nodePath, kind, this));
    }

    /** Returns the counters of a node, creating them with kind {@code unknown} on first use. */
    public NodeCounters node(String nodeName, String nodePath) {
        return node(nodeName, nodePath, "unknown");
    }

    /** Registers the breaker of a {@code circuit-breaker} node, for the breaker-state gauge. */
    public void circuitBreaker(String nodeName, String nodePath, CircuitBreaker breaker) {
        circuitBreakers.put(nodeName, new NodeBreaker(nodePath, breaker));
    }

    public Map<String, NodeBreaker> circuitBreakers() {
        return Map.copyOf(circuitBreakers);
    }

    /**
     * Registers a {@code rate-limit} node, so that its wait and rejection meters exist, tagged
     * with its path, before its first record.
     */
    public void rateLimit(String nodeName, String nodePath) {
        rateLimitPaths.put(nodeName, nodePath);
        rateLimitWaits.computeIfAbsent(nodeName, name -> new LongAdder());
        rateLimitWaitNanos.computeIfAbsent(nodeName, name -> new LongAdder());
        rateLimitRejections.computeIfAbsent(nodeName, name -> new LongAdder());
    }

    /** Returns the schema paths of the registered {@code rate-limit} nodes, by node name. */
    public Map<String, String> rateLimitPaths() {
        return Map.copyOf(rateLimitPaths);
    }

    /** Registers a channel that a stream feeds, for the depth, capacity and flow meters. */
    public void channel(String name, Channel<?> channel) {
        channels.put(name, channel);
    }

    public Map<String, Channel<?>> channels() {
        return Map.copyOf(channels);
    }

    public Map<String, NodeCounters> nodes() {
        return Map.copyOf(nodes);
    }

    public void recordStreamSend(String stream) {
        LongAdder sends = streamSends.get(stream);
        if (sends == null) {
            sends = streamSends.computeIfAbsent(stream, name -> new LongAdder());
            FlumeMeterBinder bound = binder;
            if (bound != null) {
                bound.bindStream(stream);
            }
        }
        sends.increment();
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

    /** Counts a record sent to the dead-letter topic by the topology or by Kafka Streams' exception handlers. */
    public void recordDeadLettered(DeadLetterReason reason) {
        deadLettered.increment();
        deadLettersByReason.get(reason).increment();
    }

    /**
     * Returns how many records the topology and Kafka Streams' exception handlers sent to the
     * dead-letter topic. Channel bridges count their own, in {@link #deadLettered(DeadLetterReason)}.
     */
    public long deadLettered() {
        return deadLettered.sum();
    }

    /**
     * Returns how many records went to the dead-letter topic for {@code reason}. For
     * {@link DeadLetterReason#CHANNEL_OVERFLOW} it reads the overflow counts of the registered
     * channels whose policy is {@code dead-letter}.
     */
    public long deadLettered(DeadLetterReason reason) {
        // NOTE: records a channel bridge cannot deserialize and sends to the dead-letter topic
        // have no reason here; only the bridge counts them (ChannelBridge.deadLetteredCount()).
        if (reason == DeadLetterReason.CHANNEL_OVERFLOW) {
            long overflows = 0;
            for (Channel<?> channel : channels.values()) {
                if (!channel.isDirect() && channel.overflowPolicy() == io.flume.api.OverflowPolicy.DEAD_LETTER) {
                    overflows += channel.overflowCount();
                }
            }
            return overflows;
        }
        return deadLettersByReason.get(reason).sum();
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
        LongAdder timeouts = directChannelTimeouts.get(channel);
        if (timeouts == null) {
            timeouts = directChannelTimeouts.computeIfAbsent(channel, name -> new LongAdder());
            FlumeMeterBinder bound = binder;
            if (bound != null) {
                bound.bindDirectChannelTimeouts(channel);
            }
        }
        timeouts.increment();
    }

    /** Returns how many records failed because a direct channel stayed full, by channel name. */
    public Map<String, Long> directChannelTimeouts() {
        return sums(directChannelTimeouts);
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

    /** Returns the counter behind a stream, direct-channel or rate-limit meter, for the binder. */
    LongAdder streamSendCounter(String stream) {
        return streamSends.computeIfAbsent(stream, name -> new LongAdder());
    }

    LongAdder directChannelTimeoutCounter(String channel) {
        return directChannelTimeouts.computeIfAbsent(channel, name -> new LongAdder());
    }

    LongAdder rateLimitWaitCounter(String nodeName) {
        return rateLimitWaits.computeIfAbsent(nodeName, name -> new LongAdder());
    }

    LongAdder rateLimitWaitNanosCounter(String nodeName) {
        return rateLimitWaitNanos.computeIfAbsent(nodeName, name -> new LongAdder());
    }

    LongAdder rateLimitRejectionCounter(String nodeName) {
        return rateLimitRejections.computeIfAbsent(nodeName, name -> new LongAdder());
    }

    /** Sets the binder that registers meters for counters created after binding; null unbinds. */
    void binder(FlumeMeterBinder binder) {
        this.binder = binder;
    }

    void routeAdded(NodeCounters node, String route) {
        FlumeMeterBinder bound = binder;
        if (bound != null) {
            bound.bindRoute(node, route);
        }
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> result = new java.util.TreeMap<>();
        counters.forEach((name, count) -> result.put(name, count.sum()));
        return result;
    }
}
