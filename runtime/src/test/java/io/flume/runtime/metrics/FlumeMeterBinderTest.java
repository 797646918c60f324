package io.flume.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.flume.api.Channel;
import io.flume.api.ChannelRecord;
import io.flume.runtime.inline.CircuitBreaker;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FlumeMeterBinderTest {

    private final FlumeMetrics metrics = new FlumeMetrics();
    private final MeterRegistry registry = new SimpleMeterRegistry();

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).functionCounter().count();
    }

    @Test
    void nodeMetersCarryApplicationNodePathAndKind() {
        NodeCounters validate = metrics.node("orders.validate", "root.children[0]", "ref");
        validate.recordIn();
        validate.recordOut();
        validate.recordIn();
        validate.recordFailed();

        try (FlumeMeterBinder binder = new FlumeMeterBinder(metrics, "orders")) {
            binder.bindTo(registry);

            Meter in = registry.get(MetricNames.NODE_RECORDS_IN).meter();
            assertThat(in.getId().getTags()).containsExactlyInAnyOrder(
                    Tag.of("application", "orders"), Tag.of("node", "orders.validate"),
                    Tag.of("path", "root.children[0]"), Tag.of("kind", "ref"));
            assertThat(count(MetricNames.NODE_RECORDS_IN, "node", "orders.validate")).isEqualTo(2);
            assertThat(count(MetricNames.NODE_RECORDS_OUT, "node", "orders.validate")).isEqualTo(1);
            assertThat(count(MetricNames.NODE_RECORDS_FAILED, "node", "orders.validate")).isEqualTo(1);
        }
    }

    @Test
    void processingTimerReadsNodeTiming() {
        NodeCounters node = metrics.node("n", "root", "ref");
        long start = node.startTimer();
        node.stopTimer(start - TimeUnit.MILLISECONDS.toNanos(5));

        try (FlumeMeterBinder binder = new FlumeMeterBinder(metrics, "app")) {
            binder.bindTo(registry);

            FunctionTimer timer = registry.get(MetricNames.NODE_PROCESSING).tag("node", "n").functionTimer();
            assertThat(timer.count()).isEqualTo(1);
            assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void routeSeenAfterBindingGetsMeter() {
        NodeCounters filter = metrics.node("f", "root.children[1]", "filter");
        filter.recordRoute("then");

        try (FlumeMeterBinder binder = new FlumeMeterBinder(metrics, "app")) {
            binder.bindTo(registry);
            filter.recordRoute("else");
            filter.recordRoute("else");

            assertThat(count(MetricNames.NODE_ROUTE_RECORDS, "route", "then")).isEqualTo(1);
            assertThat(count(MetricNames.NODE_ROUTE_RECORDS, "route", "else")).isEqualTo(2);
        }
    }

    @Test
    void retryMetersOnlyForRetryNodes() {
        NodeCounters retry = metrics.node("payment-retry", "root.children[0]", "retry");
        metrics.node("charge", "root.children[0].child", "ref");
        retry.recordRetryScheduled();
        retry.recordRetryScheduled();
        retry.recordRetryExhausted();

        try (FlumeMeterBinder binder = new FlumeMeterBinder(metrics, "app")) {
            binder.bindTo(registry);

            assertThat(registry.find(MetricNames.RETRIES_SCHEDULED).meters()).hasSize(1);
            assertThat(count(MetricNames.RETRIES_SCHEDULED, "node", "payment-retry")).isEqualTo(2);
            assertThat(count(MetricNames.RETRIES_EXHAUSTED, "node", "payment-retry")).isEqualTo(1);
        }
    }

    @Test
    void deadLettersCountedByReason() throws InterruptedException {
        Channel<String> overflowing = Channel.<String>bounded(1).overflow(io.flume.api.OverflowPolicy.DEAD_LETTER);
        metrics.channel("alerts", overflowing);
        metrics.recordDeadLettered(DeadLetterReason.UNHANDLED_FAILURE);
        metrics.recordDeadLettered(DeadLetterReason.POISON_PILL);
        metrics.recordDeadLettered(DeadLetterReason.POISON_PILL);
        overflowing.recordOverflow();

        try (FlumeMeterBinder binder = new FlumeMeterBinder(metrics, "app")) {
            binder.bindTo(registry);

            assertThat(count(MetricNames.DEAD_LETTERS, "reason", "unhandled_failure")).isEqualTo(1);
            assertThat(count(MetricNames.DEAD_LETTERS, "reason", "poison_pill")).isEqualTo(2);
            assertThat(count(MetricNames.DEAD_LETTERS, "reason", "production_failure")).isZero();
            assertThat(count(MetricNames.DEAD_LETTERS, "reason", "channel_overflow")).isEqualTo(1);
        }
    }

    @Test
    void circuitBreakerGaugeFollowsState() {
        CircuitBreaker breaker = new CircuitBreaker("root.children[0]", 1, Duration.ofSeconds(10));
        metrics.circuitBreaker("guard", "root.children[0]", breaker);

        try (FlumeMeterBinder binder = new FlumeMeterBinder(metrics, "app")) {
            binder.bindTo(registry);
            var gauge = registry.get(MetricNames.CIRCUIT_BREAKER_STATE).tags("node", "guard", "path", "root.children[0]").gauge();
            assertThat(gauge.value()).isZero();

            breaker.failed(breaker.acquire(0), 0, "boom");
            assertThat(gauge.value()).isEqualTo(2);

            breaker.acquire(20_000);
            assertThat(gauge.value()).isEqualTo(1);
        }
    }

    @Test
    void channelGaugesReadDepthAndCapacity() throws InterruptedException {
        Channel<String> channel = Channel.bounded(5);
        metrics.channel("alerts", channel);
        channel.offer(new ChannelRecord<>("k", "v", null, 0L, "alerts", 0, 0L), Duration.ZERO);

        try (FlumeMeterBinder binder = new FlumeMeterBinder(metrics, "app")) {
            binder.bindTo(registry);

            assertThat(registry.get(MetricNames.CHANNEL_DEPTH).tag("channel", "alerts").gauge().value()).isEqualTo(1);
            assertThat(registry.get(MetricNames.CHANNEL_CAPACITY).tag("channel", "alerts").gauge().value()).isEqualTo(5);
            assertThat(count(MetricNames.CHANNEL_OFFERED, "channel", "alerts")).isEqualTo(1);
        }
    }

    @Test
    void rateLimitMetersExistBeforeFirstWait() {
        metrics.rateLimit("limited", "root.children[2]");

        try (FlumeMeterBinder binder = new FlumeMeterBinder(metrics, "app")) {
            binder.bindTo(registry);
            metrics.recordRateLimitWait("limited", TimeUnit.MILLISECONDS.toNanos(30));

            FunctionTimer waits = registry.get(MetricNames.RATE_LIMIT_WAIT).tags("node", "limited", "path", "root.children[2]")
                    .functionTimer();
            assertThat(waits.count()).isEqualTo(1);
            assertThat(waits.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(30);
            assertThat(count(MetricNames.RATE_LIMIT_REJECTIONS, "node", "limited")).isZero();
        }
    }

    @Test
    void closeRemovesEveryMeter() {
        metrics.node("n", "root", "ref");
        FlumeMeterBinder binder = new FlumeMeterBinder(metrics, "app");
        binder.bindTo(registry);
        assertThat(registry.getMeters()).isNotEmpty();

        binder.close();
        metrics.recordStreamSend("late");

        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void disabledNodeMetricsCountNothing() {
        FlumeMetrics disabled = FlumeMetrics.withoutNodeMetrics();
        NodeCounters node = disabled.node("n", "root", "ref");
        node.recordIn();
        node.stopTimer(node.startTimer());
        disabled.recordDeadLettered(DeadLetterReason.UNHANDLED_FAILURE);

        try (FlumeMeterBinder binder = new FlumeMeterBinder(disabled, "app")) {
            binder.bindTo(registry);

            assertThat(node.in()).isZero();
            assertThat(node.timedRuns()).isZero();
            assertThat(registry.find(MetricNames.NODE_RECORDS_IN).meters()).isEmpty();
            assertThat(count(MetricNames.DEAD_LETTERS, "reason", "unhandled_failure")).isEqualTo(1);
        }
    }

    @Test
    void streamMetersAppearWithFirstSend() {
        try (FlumeMeterBinder binder = new FlumeMeterBinder(metrics, "app")) {
            binder.bindTo(registry);
            metrics.recordStreamSend("alerts");
            metrics.recordStreamSend("alerts");

            assertThat(count(MetricNames.STREAM_SENDS, "stream", "alerts")).isEqualTo(2);
            assertThat(registry.find(MetricNames.STREAM_SENDS).meters()).extracting(meter -> meter.getId().getTag("application"))
                    .isEqualTo(List.of("app"));
        }
    }
}
