package io.flume.compiler.nodes;

import io.flume.api.Cloner;
import io.flume.runtime.live.Parameter;
import io.flume.runtime.processors.EnterProcessor;
import io.flume.runtime.processors.NodeId;
import io.flume.runtime.retry.RetryDelays;
import io.flume.runtime.retry.RetryExitProcessor;
import io.flume.runtime.retry.RetryReleaseProcessor;
import io.flume.runtime.retry.RetrySchedulerProcessor;
import io.flume.runtime.routing.Routes;
import io.flume.schema.Node;
import java.time.Duration;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code retry} with {@code backoff} on the topology back-end: non-blocking retries through a
 * retry topic and a state store, so that a waiting record never holds up the stream thread.
 *
 * <pre>
 *   in ─ NODE.enter ──────────────────────────────┬─ child ─ NODE.branch
 *                                                  │            ├─ retry: NODE.schedule ─ NODE.retry-sink → APP.NODE.retry
 *   APP.NODE.retry ─ NODE.retry-source ─ NODE.release ┘            └─ pass:  NODE.leave ─ (continues)
 * </pre>
 *
 * <p>The entry saves the input and starts counting attempts at 1. A record that fails inside the
 * child with attempts left is written to the retry topic {@code APPLICATION_ID.NODE.retry}: the
 * saved input as a plain value, with the next attempt number, its due time, the first failure and
 * the enclosing nodes' frames in {@code flume.retry.*} headers. The same application reads that
 * topic ({@code NODE.retry-source}) into the persistent, logged store {@code NODE.retry-store},
 * keyed by (due time, partition, offset); a wall-clock punctuator ({@code NODE.release}) releases
 * due records into the child again, where processors see the attempt number. The waits are
 * {@code backoff}, then twice that, and so on. After the last attempt the failure continues
 * outwards with the node's attempt count.
 *
 * <p>Records of one key can overtake each other while one waits. Released records keep the
 * source topic, partition and offset of the first run through the retry topic's
 * {@code flume.retry.source.*} headers.
 */
public final class BackoffRetryTopology {

    static final String RETRY_BRANCH = "retry";
    static final String PASS_BRANCH = "pass";

    private BackoffRetryTopology() {
    }

    /** Returns the retry topic of a node: {@code APPLICATION_ID.NODE.retry}. */
    public static String retryTopic(TopologyBuild<?> build, Node node) {
        return build.options().applicationId() + "." + build.name(node) + ".retry";
    }

    /** Returns the store of a node's pending retries: {@code NODE.retry-store}. */
    public static String storeName(TopologyBuild<?> build, Node node) {
        return build.name(node) + ".retry-store";
    }

    public static <T> Line compile(TopologyBuild<T> build, Node node, Line in) {
        String name = build.name(node);
        NodeId id = build.id(node);
        Parameter<RetryCompiler.Settings> settings = build.live(node, RetryCompiler.Settings.of(node));
        // NOTE: the release punctuator keeps the interval of the backoff it started with; a
        // reload that changes backoff changes the waits, and records are released up to that
        // interval late (at most 1 s).
        Duration backoff = node.backoff();
        Cloner<T> cloner = build.flume().cloner();
        var counters = build.counters(node);
        String retryTopic = retryTopic(build, node);
        Duration interval = RetryDelays.punctuationInterval(backoff);
        build.recordRetryTopic(retryTopic);
        build.recordPunctuationInterval(interval);

        Line entered = build.process(in, name + ".enter", () -> new EnterProcessor<>(name, cloner, true));
        Line retries = build.source(name + ".retry-source", new ByteArrayDeserializer(), new ByteArrayDeserializer(), retryTopic);
        Line released = build.process(retries, name + ".release", RetryReleaseProcessor.supplier(id, storeName(build, node), retryTopic,
                interval, build.keySerde(), build.valueSerde(), cloner, build.liveParameters()));
        // NOTE: every run of the child is a separate pass through the topology, and its stream
        // sinks produce at once. A stream node before the failing step therefore sends on every
        // run, while in process (RetryCompiler.inline) only the successful run's sends are kept.
        // BackoffRetryTest.streamBeforeFailureSendsOnEveryRun pins this topology behaviour.
        Line afterChild = build.compile(node.child(), entered.join(released));

        Routes outlets = build.route(afterChild, name + ".branch", envelope -> envelope.isFailed() && envelope.isInside(name)
                && envelope.innermost().attempt() < settings.get().attempts() ? RETRY_BRANCH : PASS_BRANCH);
        Line scheduled = build.process(Line.routed(outlets, RETRY_BRANCH), name + ".schedule",
                () -> new RetrySchedulerProcessor<>(id, () -> settings.get().backoff(), build.valueSerde(), retryTopic, counters));
        build.sink(scheduled, name + ".retry-sink", retryTopic);
        return build.process(Line.routed(outlets, PASS_BRANCH), name + ".leave",
                () -> new RetryExitProcessor<T>(id, () -> settings.get().attempts(), counters));
    }
}
