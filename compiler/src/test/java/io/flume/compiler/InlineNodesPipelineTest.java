package io.flume.compiler;

import static io.flume.compiler.TestComponents.order;
import static io.flume.compiler.TestComponents.schema;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Pipeline;
import io.flume.PipelineResult;
import io.flume.runtime.inline.CircuitOpenException;
import io.flume.runtime.inline.RateLimitExceededException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** In-process runs of the nodes that the topology runs as inline subtrees. */
class InlineNodesPipelineTest {

    private final TestComponents components = new TestComponents();
    private Pipeline<ObjectNode> pipeline;

    @AfterEach
    void closePipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private Pipeline<ObjectNode> pipeline(String yaml) {
        return pipeline(yaml, CompileOptions.defaults());
    }

    private Pipeline<ObjectNode> pipeline(String yaml, CompileOptions options) {
        pipeline = InlineCompiler.compile(schema(yaml), components.flume, options);
        return pipeline;
    }

    private static ObjectNode failing(int failAttempts) {
        return order(1).put("fail_attempts", failAttempts);
    }

    @Test
    void retrySucceedsOnLaterAttempt() {
        pipeline("""
                type: retry
                attempts: 3
                child:
                  type: sequence
                  children:
                    - stream: tried
                    - ref: flaky
                """);

        PipelineResult<ObjectNode> result = pipeline.run("k1", failing(2));

        assertThat(result.isFailed()).isFalse();
        assertThat(result.value().path("attempt").asInt()).isEqualTo(3);
        assertThat(result.value().path("bumps").asInt()).isEqualTo(1);
        assertThat(result.sentTo("tried")).as("only the successful attempt's send").hasSize(1);
        assertThat(components.calls).containsExactly("flaky@1", "flaky@2", "flaky@3");
    }

    @Test
    void exhaustedRetryReportsAttempts() {
        pipeline("""
                type: retry
                attempts: 2
                child: { ref: flaky }
                """);

        PipelineResult<ObjectNode> result = pipeline.run("k1", failing(5));

        assertThat(result.failure().attempts()).isEqualTo(2);
        assertThat(result.failure().nodePath()).isEqualTo("root.child");
        assertThat(result.failure().message()).isEqualTo("flaky failure on attempt 2");
    }

    @Test
    void retryWithBackoffWaitsDoublingDelays() {
        pipeline("""
                type: retry
                attempts: 3
                backoff: 40ms
                child: { ref: flaky }
                """);

        long start = System.nanoTime();
        PipelineResult<ObjectNode> result = pipeline.run("k1", failing(2));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.isFailed()).isFalse();
        assertThat(elapsedMillis).as("40 ms, then 80 ms").isGreaterThanOrEqualTo(120L);
    }

    @Test
    void timeoutFailsSlowChildAndDropsItsSends() {
        pipeline("""
                type: timeout
                duration: 50ms
                child:
                  type: sequence
                  children:
                    - stream: early
                    - ref: slow
                """);

        PipelineResult<ObjectNode> result = pipeline.run("k1", order(1).put("sleep_ms", 3_000));

        assertThat(result.failure().error()).isInstanceOf(TimeoutException.class)
                .hasMessage("root (timeout) did not finish within 50ms; raise duration or make the child faster");
        assertThat(result.sentTo("early")).isEmpty();
    }

    @Test
    void timeoutPassesFastChildResult() {
        pipeline("""
                type: timeout
                duration: 5s
                child: { ref: double }
                """);

        ObjectNode result = pipeline.process(order(4));

        assertThat(result.path("total").asDouble()).isEqualTo(8.0);
    }

    @Test
    void circuitBreakerFollowsPipelineClock() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
        pipeline("""
                type: circuit-breaker
                failure_threshold: 1
                recovery_timeout: 30s
                child: { ref: validate }
                """, CompileOptions.builder().clock(clock).build());

        assertThat(pipeline.run("bad", order(-1)).failure().message()).isEqualTo("invalid total -1.0");
        PipelineResult<ObjectNode> rejected = pipeline.run("good", order(1));
        clock.advance(Duration.ofSeconds(30));
        PipelineResult<ObjectNode> trial = pipeline.run("trial", order(2));

        assertThat(rejected.failure().error()).isInstanceOf(CircuitOpenException.class)
                .hasMessageStartingWith("circuit of root is open until 2026-03-01T12:00:30Z after 1 consecutive failures");
        assertThat(trial.isFailed()).isFalse();
        assertThat(components.calls).containsExactly("validate", "validate");
    }

    @Test
    void rateLimitFailsInsteadOfWaitingTooLong() {
        pipeline("""
                type: rate-limit
                requests_per_second: 0.01
                burst_size: 2
                child: { ref: mark }
                """);

        assertThat(pipeline.run("k1", order(1)).isFailed()).isFalse();
        assertThat(pipeline.run("k2", order(2)).isFailed()).isFalse();
        PipelineResult<ObjectNode> third = pipeline.run("k3", order(3));

        assertThat(third.failure().error()).isInstanceOf(RateLimitExceededException.class)
                .hasMessageContaining("(requests_per_second 0.01, burst_size 2)");
        assertThat(components.calls).containsExactly("mark", "mark");
    }

    @Test
    void closeStopsExecutorThreads() throws InterruptedException {
        AtomicReference<Thread> childThread = new AtomicReference<>();
        components.flume.addProcessor("record-thread", (ctx, order) -> {
            childThread.set(Thread.currentThread());
            return order;
        });
        pipeline("""
                type: timeout
                duration: 5s
                child: { ref: record-thread }
                """);

        pipeline.process(order(1));
        pipeline.close();

        Thread thread = childThread.get();
        assertThat(thread.getName()).startsWith("flume-inline-");
        assertThat(thread.isDaemon()).isTrue();
        thread.join(1_000);
        assertThat(thread.isAlive()).isFalse();
        assertThat(pipeline.run("k2", order(2)).failure().message()).contains("the inline executor is closed");
    }

    /** A clock that tests move forward by hand. */
    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
