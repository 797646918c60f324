package io.flume.runtime.processors;

import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.inline.Execution;
import io.flume.runtime.inline.RateLimiter;
import io.flume.runtime.inline.Step;
import io.flume.runtime.inline.StepFailedException;
import io.flume.runtime.metrics.FlumeMetrics;
import io.flume.runtime.metrics.NodeCounters;
import io.flume.runtime.metrics.RateLimitedLogger;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a node's whole subtree, compiled by the inline back-end, on each healthy envelope, inside
 * this one processor ({@code retry} without backoff, {@code timeout}, {@code circuit-breaker},
 * {@code rate-limit}). The stream thread waits for the subtree, so the record's offset is never
 * committed ahead of unfinished work.
 *
 * <p>When the subtree has finished, the processor first offers the values sent to direct
 * channels, then forwards, in this order: a record for each value sent to a stream with a topic,
 * a failed record for each failure of a {@code concurrent} child, and the record itself, with
 * the subtree's result or its failure. The first two kinds are marked through the envelope's
 * route ({@link #sendRoute}, {@link #CHILD_FAILURE_ROUTE}), as decision nodes mark theirs, so
 * that a {@code split()} after this processor sends each to its sink; the record itself leaves
 * with no route. Values sent inside the subtree are forwarded only when the subtree succeeds:
 * the inline nodes above drop the sends of a failed or timed-out child.
 *
 * <p>Failed envelopes pass through untouched.
 */
public final class InlineSubtreeProcessor<T> implements Processor<Object, Envelope<T>, Object, Envelope<T>> {

    /** The route of a failed child of a {@code concurrent} node inside the subtree. */
    public static final String CHILD_FAILURE_ROUTE = "inline:child-failure";

    private static final Logger LOG = LoggerFactory.getLogger(InlineSubtreeProcessor.class);
    private static final String SEND_ROUTE_PREFIX = "inline:send:";

    private final NodeId node;
    private final Step<T> step;
    private final NodeCounters counters;
    private final FlumeMetrics metrics;
    private final RateLimitedLogger rateLimitedLog = new RateLimitedLogger(LOG, Duration.ofSeconds(10));
    private ProcessorContext<Object, Envelope<T>> context;
    private Duration maxWait = RateLimiter.MAX_WAIT;

    public InlineSubtreeProcessor(NodeId node, Step<T> step, NodeCounters counters, FlumeMetrics metrics) {
        this.node = node;
        this.step = step;
        this.counters = counters;
        this.metrics = metrics;
    }

    /** Returns the route of a value sent to {@code stream} inside the subtree. */
    public static String sendRoute(String stream) {
        return SEND_ROUTE_PREFIX + stream;
    }

    @Override
    public void init(ProcessorContext<Object, Envelope<T>> context) {
        this.context = context;
        Object maxPollInterval = context.appConfigs().get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
        if (maxPollInterval != null) {
            maxWait = RateLimiter.maxWaitFor(Long.parseLong(maxPollInterval.toString().trim()));
        }
    }

    @Override
    public void process(Record<Object, Envelope<T>> record) {
        Envelope<T> envelope = record.value();
        envelope.setRoute(null);
        if (envelope.isFailed()) {
            context.forward(record);
            return;
        }
        counters.recordIn();
        Execution<T> execution = executionFor(record);
        T result;
        long start = counters.startTimer();
        try {
            result = step.apply(execution, envelope.value());
            offerToDirectChannels(execution);
        } catch (StepFailedException e) {
            counters.stopTimer(start);
            fail(record, e.failure());
            return;
        } catch (RuntimeException e) {
            counters.stopTimer(start);
            fail(record, new NodeFailure(e, node.name(), node.path(), 1, Instant.now(), envelope.value()));
            return;
        }
        counters.stopTimer(start);

        forwardSends(record, execution);
        forwardChildFailures(record, execution);
        countScaffoldFailures(execution);
        envelope.setValue(result);
        counters.recordOut();
        context.forward(record);
    }

    private Execution<T> executionFor(Record<Object, Envelope<T>> record) {
        Envelope.Origin origin = record.value().sourceOf(context.recordMetadata());
        return Execution.forRecord(record.key(), record.headers(), record.timestamp(),
                origin == null ? null : origin.topic(),
                origin == null ? -1 : origin.partition(),
                origin == null ? -1 : origin.offset(),
                context::currentSystemTimeMs, maxWait);
    }

    private void offerToDirectChannels(Execution<T> execution) throws StepFailedException {
        for (Execution.Send<T> send : execution.sends()) {
            if (send.direct() != null) {
                send.direct().offer(execution.channelRecord(send));
            }
        }
    }

    private void fail(Record<Object, Envelope<T>> record, NodeFailure failure) {
        record.value().fail(failure);
        counters.recordFailed();
        context.forward(record);
    }

    private void forwardSends(Record<Object, Envelope<T>> record, Execution<T> execution) {
        for (Execution.Send<T> send : execution.sends()) {
            if (send.direct() == null) {
                Envelope<T> emission = Envelope.of(send.value());
                emission.setRoute(sendRoute(send.stream()));
                context.forward(record.withValue(emission).withHeaders(send.headers()));
            }
        }
    }

    private void forwardChildFailures(Record<Object, Envelope<T>> record, Execution<T> execution) {
        for (NodeFailure failure : execution.childFailures()) {
            @SuppressWarnings("unchecked")
            Envelope<T> emission = Envelope.of((T) failure.input());
            emission.fail(failure);
            emission.setRoute(CHILD_FAILURE_ROUTE);
            context.forward(record.withValue(emission).withHeaders(new RecordHeaders(record.headers().toArray())));
        }
    }

    private void countScaffoldFailures(Execution<T> execution) {
        for (NodeFailure failure : execution.scaffoldFailures()) {
            metrics.recordScaffoldFailure();
            rateLimitedLog.warn("A scaffold child inside {} failed at {} ({}): {}; the record continues unchanged",
                    node.path(), failure.nodePath(), failure.nodeName(), failure.message());
        }
    }
}
