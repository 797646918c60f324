package io.flume.runtime.metrics;

import static io.flume.runtime.metrics.MetricNames.*;

import io.flume.api.Channel;
import io.flume.runtime.inline.CircuitBreaker;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * Exposes a {@link FlumeMetrics} as Micrometer meters tagged with the application id: function
 * counters and timers that read its counters when the registry is scraped, so the stream thread
 * never touches the registry, and gauges for circuit breakers and channels. Meters for routes,
 * streams and direct channels that appear after binding are registered when they appear.
 * {@link #close()} removes every meter this binder registered. {@link MetricNames} lists the
 * names and tags.
 *
 * <pre>{@code
 * try (FlumeMeterBinder binder = new FlumeMeterBinder(metrics, "quake-alerts")) {
 *     binder.bindTo(registry);
 *     ...
 * }
 * }</pre>
 */
public final class FlumeMeterBinder implements MeterBinder, AutoCloseable {

    private final FlumeMetrics metrics;
    private final Tags applicationTags;
    private final List<Meter> meters = new CopyOnWriteArrayList<>();
    private volatile MeterRegistry registry;

    public FlumeMeterBinder(FlumeMetrics metrics, String applicationId) {
        this.metrics = metrics;
        this.applicationTags = Tags.of(TAG_APPLICATION, applicationId);
    }

    @Override
    public void bindTo(MeterRegistry target) {
        if (registry != null) {
            throw new IllegalStateException("this binder is already bound to a registry; create one binder per registry");
        }
        registry = target;
        // Set first, so that a route or stream that appears while the others bind is not missed;
        // registering a meter twice returns the existing one.
        metrics.binder(this);
        if (metrics.nodeMetricsEnabled()) {
            metrics.nodes().values().forEach(this::bindNode);
        }
        metrics.circuitBreakers().forEach(this::bindCircuitBreaker);
        metrics.rateLimitPaths().forEach(this::bindRateLimit);
        metrics.channels().forEach(this::bindChannel);
        bindApplicationCounters();
        metrics.streamSends().keySet().forEach(this::bindStream);
        metrics.directChannelTimeouts().keySet().forEach(this::bindDirectChannelTimeouts);
    }

    private void bindNode(NodeCounters node) {
        Tags tags = nodeTags(node.nodeName(), node.nodePath()).and(TAG_KIND, node.kind());
        counter(NODE_RECORDS_IN, "Records that entered the node", tags, node, NodeCounters::in);
        counter(NODE_RECORDS_OUT, "Records that left the node healthy", tags, node, NodeCounters::out);
        counter(NODE_RECORDS_FAILED, "Records that failed in the node", tags, node, NodeCounters::failed);
        add(FunctionTimer.builder(NODE_PROCESSING, node, NodeCounters::timedRuns, NodeCounters::processingNanos,
                        TimeUnit.NANOSECONDS)
                .description("Time spent in the node's own code (processor, predicate, condition, error handler, inline subtree)")
                .tags(tags)
                .register(registry));
        if ("retry".equals(node.kind())) {
            counter(RETRIES_SCHEDULED, "Further attempts a retry node scheduled or started after a failure", tags, node,
                    NodeCounters::retriesScheduled);
            counter(RETRIES_EXHAUSTED, "Records whose last attempt in a retry node failed", tags, node,
                    NodeCounters::retriesExhausted);
        }
        node.routes().keySet().forEach(route -> bindRoute(node, route));
    }

    /** Registers the counter of a route that a decision node took for the first time. */
    void bindRoute(NodeCounters node, String route) {
        MeterRegistry target = registry;
        if (target == null) {
            return;
        }
        LongAdder counter = node.routeCounter(route);
        Tags tags = nodeTags(node.nodeName(), node.nodePath()).and(TAG_KIND, node.kind()).and(TAG_ROUTE, route);
        counter(NODE_ROUTE_RECORDS, "Records a filter or switch sent to a route", tags, counter, LongAdder::sum);
    }

    private void bindCircuitBreaker(String nodeName, FlumeMetrics.NodeBreaker breaker) {
        add(Gauge.builder(CIRCUIT_BREAKER_STATE, breaker.breaker(), FlumeMeterBinder::stateValue)
                .description("State of a circuit breaker: 0 closed, 1 half-open, 2 open")
                .tags(nodeTags(nodeName, breaker.nodePath()))
                .register(registry));
    }

    /** Returns the gauge value of a breaker's state: 0 closed, 1 half-open, 2 open. */
    static double stateValue(CircuitBreaker breaker) {
        return switch (breaker.state()) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }

    private void bindRateLimit(String nodeName, String nodePath) {
        Tags tags = nodeTags(nodeName, nodePath);
        LongAdder waits = metrics.rateLimitWaitCounter(nodeName);
        LongAdder waitNanos = metrics.rateLimitWaitNanosCounter(nodeName);
        add(FunctionTimer.builder(RATE_LIMIT_WAIT, waits, LongAdder::sum, adder -> waitNanos.sum(), TimeUnit.NANOSECONDS)
                .description("Records that waited for a rate-limit token, and how long they waited")
                .tags(tags)
                .register(registry));
        counter(RATE_LIMIT_REJECTIONS, "Records that failed because they would have waited too long for a token", tags,
                metrics.rateLimitRejectionCounter(nodeName), LongAdder::sum);
    }

    private void bindChannel(String name, Channel<?> channel) {
        Tags tags = applicationTags.and(TAG_CHANNEL, name);
        add(Gauge.builder(CHANNEL_DEPTH, channel, Channel::depth)
                .description("Records queued in the channel")
                .tags(tags)
                .register(registry));
        add(Gauge.builder(CHANNEL_CAPACITY, channel, Channel::capacity)
                .description("Records the channel can queue")
                .tags(tags)
                .register(registry));
        counter(CHANNEL_OFFERED, "Records put into the channel", tags, channel, Channel::offeredCount);
        counter(CHANNEL_TAKEN, "Records taken from the channel", tags, channel, Channel::takenCount);
        counter(CHANNEL_FULL_WAITS, "Offers that found the channel full", tags, channel, Channel::fullWaitCount);
        counter(CHANNEL_OVERFLOWS, "Records the overflow policy dropped or sent to the dead-letter topic", tags, channel,
                Channel::overflowCount);
    }

    private void bindApplicationCounters() {
        counter(SOURCE_RECORDS, "Records that entered the pipeline from a source topic", applicationTags, metrics,
                FlumeMetrics::sourceRecords);
        counter(COMPLETED_RECORDS, "Source records the pipeline finished with", applicationTags, metrics,
                FlumeMetrics::recordsProcessed);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            counter(DEAD_LETTERS, "Records sent to the dead-letter topic", applicationTags.and(TAG_REASON, reason.tag()),
                    metrics, m -> m.deadLettered(reason));
        }
        counter(UNHANDLED_LOGGED, "Failed records that errors.on-unhandled: log dropped", applicationTags, metrics,
                FlumeMetrics::unhandledLogged);
        counter(SCAFFOLD_FAILURES, "Failures of scaffold children, logged and counted only", applicationTags, metrics,
                FlumeMetrics::scaffoldFailures);
    }

    /** Registers the send counter of a stream that received its first record after binding. */
    void bindStream(String stream) {
        if (registry != null) {
            counter(STREAM_SENDS, "Records stream nodes sent to a stream", applicationTags.and(TAG_STREAM, stream),
                    metrics.streamSendCounter(stream), LongAdder::sum);
        }
    }

    /** Registers the timeout counter of a direct channel that timed out for the first time after binding. */
    void bindDirectChannelTimeouts(String channel) {
        if (registry != null) {
            counter(DIRECT_CHANNEL_TIMEOUTS, "Records that failed because a direct channel stayed full",
                    applicationTags.and(TAG_CHANNEL, channel), metrics.directChannelTimeoutCounter(channel), LongAdder::sum);
        }
    }

    private Tags nodeTags(String nodeName, String nodePath) {
        return applicationTags.and(TAG_NODE, nodeName).and(TAG_PATH, nodePath);
    }

    private <S> void counter(String name, String description, Tags tags, S source, ToDoubleFunction<S> count) {
        add(FunctionCounter.builder(name, source, count).description(description).tags(tags).register(registry));
    }

    private void add(Meter meter) {
        meters.add(meter);
    }

    /** Removes every meter this binder registered and stops registering new ones. */
    @Override
    public void close() {
        metrics.binder(null);
        MeterRegistry target = registry;
        if (target != null) {
            meters.forEach(target::remove);
        }
        meters.clear();
    }
}
