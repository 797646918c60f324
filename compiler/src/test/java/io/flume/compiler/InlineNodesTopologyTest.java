package io.flume.compiler;

import static io.flume.compiler.TestComponents.order;
import static io.flume.compiler.TestComponents.schema;
import static io.flume.compiler.TestComponents.total;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.runtime.errors.FlumeHeaders;
import io.flume.runtime.inline.CircuitOpenException;
import io.flume.runtime.inline.RateLimitExceededException;
import io.flume.runtime.testing.DeadLetter;
import io.flume.runtime.testing.FlumeTestDriver;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Topology tests of the nodes that run their subtree inside one processor. */
class InlineNodesTopologyTest {

    private final TestComponents components = new TestComponents();
    private CompiledTopology<ObjectNode> compiled;

    @AfterEach
    void closeCompiled() {
        if (compiled != null) {
            compiled.close();
        }
    }

    private CompiledTopology<ObjectNode> compile(String yaml) {
        return compile(yaml, CompileOptions.defaults());
    }

    private CompiledTopology<ObjectNode> compile(String yaml, CompileOptions options) {
        compiled = TopologyCompiler.compile(schema(yaml), components.flume, options);
        return compiled;
    }

    private static ObjectNode failing(int failAttempts) {
        return order(1).put("fail_attempts", failAttempts);
    }

    private static ObjectNode sleeping(long millis) {
        return order(1).put("sleep_ms", millis);
    }

    private static List<Integer> attempts(List<TestRecord<Object, ObjectNode>> records) {
        return records.stream().map(record -> record.value().path("attempt").asInt()).toList();
    }

    @Nested
    class Retry {

        @Test
        void succeedsOnLaterAttempt() {
            compile("""
                    type: retry
                    attempts: 3
                    child:
                      type: sequence
                      children:
                        - ref: flaky
                        - stream: out
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", failing(2));

                List<TestRecord<Object, ObjectNode>> out = driver.readStream("out");
                assertThat(attempts(out)).containsExactly(3);
                assertThat(out.get(0).value().path("bumps").asInt()).as("each attempt runs on a fresh copy").isEqualTo(1);
                assertThat(driver.readDeadLetters()).isEmpty();
            }
            assertThat(components.calls).containsExactly("flaky@1", "flaky@2", "flaky@3");
        }

        @Test
        void exhaustedRetryDeadLettersWithAttempts() {
            compile("""
                    type: sequence
                    children:
                      - type: retry
                        attempts: 3
                        child: { ref: flaky }
                      - stream: out
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", failing(5));

                assertThat(driver.readStream("out")).isEmpty();
                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).hasSize(1);
                DeadLetter deadLetter = deadLetters.get(0);
                assertThat(deadLetter.header(FlumeHeaders.ERROR_ATTEMPTS)).isEqualTo("3");
                assertThat(deadLetter.errorPath()).isEqualTo("root.children[0].child");
                assertThat(deadLetter.errorNode()).contains("flaky");
                assertThat(deadLetter.errorMessage()).isEqualTo("flaky failure on attempt 3");
                assertThat(deadLetter.header(FlumeHeaders.SOURCE_OFFSET)).isEqualTo("0");
                assertThat(driver.decode(deadLetter).has("bumps")).as("value as the failing node received it").isFalse();
            }
            assertThat(components.calls).containsExactly("flaky@1", "flaky@2", "flaky@3");
        }

        @Test
        void processorSeesAttemptAndRecordContext() {
            compile("""
                    type: retry
                    attempts: 2
                    child:
                      type: sequence
                      children:
                        - ref: record-context
                        - ref: flaky
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", failing(1));
            }

            assertThat(components.contexts).hasSize(2);
            assertThat(components.contexts.get(0)).startsWith("k1|input|0|0|").contains("|root.child.children[0]|").endsWith("|1|-");
            assertThat(components.contexts.get(1)).endsWith("|2|-");
        }

        @Test
        void sendsOfFailedAttemptsAreDropped() {
            compile("""
                    type: retry
                    attempts: 3
                    child:
                      type: sequence
                      children:
                        - stream: tried
                        - ref: flaky
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("ok-on-2", failing(1));
                driver.pipe("never-ok", failing(9));

                assertThat(driver.readStream("tried")).extracting(TestRecord::key).containsExactly("ok-on-2");
                assertThat(driver.readDeadLetters()).extracting(DeadLetter::key).containsExactly("never-ok");
            }
        }

        @Test
        void nestedRetryCountsEveryRun() {
            compile("""
                    type: retry
                    attempts: 2
                    child:
                      type: retry
                      attempts: 3
                      child: { ref: flaky }
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", failing(99));

                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).hasSize(1);
                assertThat(deadLetters.get(0).header(FlumeHeaders.ERROR_ATTEMPTS)).isEqualTo("6");
            }
            assertThat(components.calls).containsExactly("flaky@1", "flaky@2", "flaky@3", "flaky@1", "flaky@2", "flaky@3");
        }

        @Test
        void concurrentChildFailureInsideSubtreeIsDeadLettered() {
            compile("""
                    type: sequence
                    children:
                      - type: retry
                        child:
                          type: concurrent
                          children:
                            - ref: validate
                            - ref: mark
                      - stream: out
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("bad", order(-1));

                assertThat(driver.readStream("out")).extracting(TestRecord::key).containsExactly("bad");
                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).extracting(DeadLetter::key).containsExactly("bad");
                assertThat(deadLetters.get(0).errorPath()).isEqualTo("root.children[0].child.children[0]");
                assertThat(deadLetters.get(0).errorMessage()).isEqualTo("invalid total -1.0");
            }
        }
    }

    @Nested
    class Timeout {

        @Test
        void childFinishingInTimeContinues() {
            compile("""
                    type: sequence
                    children:
                      - type: timeout
                        duration: 5s
                        child:
                          type: sequence
                          children:
                            - ref: slow
                            - stream: inside
                      - stream: out
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", sleeping(10));

                assertThat(driver.readStream("inside")).extracting(TestRecord::key).containsExactly("k1");
                assertThat(driver.readStream("out")).extracting(TestRecord::key).containsExactly("k1");
                assertThat(driver.readDeadLetters()).isEmpty();
            }
        }

        @Test
        void slowChildFailsAndDropsSends() throws InterruptedException {
            compile("""
                    type: sequence
                    children:
                      - type: timeout
                        duration: 100ms
                        child:
                          type: sequence
                          children:
                            - stream: early
                            - ref: slow
                            - stream: late
                      - stream: out
                    """);
            try (var driver = compiled.testDriver()) {
                long start = System.nanoTime();
                driver.pipe("k1", sleeping(3_000));
                long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

                assertThat(elapsedMillis).isBetween(90L, 2_500L);
                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).hasSize(1);
                assertThat(deadLetters.get(0).errorClass()).isEqualTo(TimeoutException.class.getName());
                assertThat(deadLetters.get(0).errorMessage()).isEqualTo("root.children[0] (timeout) did not finish within 100ms;"
                        + " raise duration or make the child faster");
                assertThat(deadLetters.get(0).errorPath()).isEqualTo("root.children[0]");
                assertThat(driver.decode(deadLetters.get(0)).path("sleep_ms").asLong()).isEqualTo(3_000);
                assertThat(driver.readStream("early")).as("sends of a timed-out child").isEmpty();
                assertThat(driver.readStream("out")).isEmpty();
            }
            waitUntilIdle(compiled);
            assertThat(components.calls).as("the child was interrupted").doesNotContain("slow");
            assertThat(compiled.inlineExecutor().busyThreads()).isZero();
        }

        @Test
        void nestedTimeoutWithoutFreeThreadFailsAtOnce() {
            compile("""
                    type: timeout
                    duration: 5s
                    child:
                      type: timeout
                      duration: 5s
                      child: { ref: mark }
                    """, CompileOptions.builder().inlineThreads(1).build());
            try (var driver = compiled.testDriver()) {
                long start = System.nanoTime();
                driver.pipe("k1", order(1));
                long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

                assertThat(elapsedMillis).as("no wait for a thread").isLessThan(4_000L);
                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).hasSize(1);
                assertThat(deadLetters.get(0).errorClass()).isEqualTo(RejectedExecutionException.class.getName());
                assertThat(deadLetters.get(0).errorPath()).isEqualTo("root.child");
                assertThat(deadLetters.get(0).errorMessage()).contains("all 1 inline executor threads are busy");
            }
            assertThat(components.calls).doesNotContain("mark");
        }

        @Test
        void directChannelIsOfferedOnlyAfterSuccess() {
            compile("""
                    type: timeout
                    duration: 5s
                    child:
                      type: sequence
                      children:
                        - stream: fast
                        - ref: validate
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("bad", order(-1));
                assertThat(components.direct.depth()).as("the failed subtree offered nothing").isZero();

                driver.pipe("good", order(1));
                assertThat(components.direct.depth()).isEqualTo(1);
                assertThat(driver.readDeadLetters()).extracting(DeadLetter::key).containsExactly("bad");
            }
            assertThat(compiled.directChannels()).containsKey("fast");
            assertThat(compiled.streamTopics()).doesNotContainKey("fast");
        }

        private static void waitUntilIdle(CompiledTopology<?> compiled) throws InterruptedException {
            for (int i = 0; i < 100 && compiled.inlineExecutor().busyThreads() > 0; i++) {
                Thread.sleep(20);
            }
        }
    }

    @Nested
    class CircuitBreaker {

        private static final String SCHEMA = """
                type: sequence
                children:
                  - type: circuit-breaker
                    failure_threshold: 2
                    recovery_timeout: 10s
                    child: { ref: validate }
                  - stream: out
                """;

        @Test
        void opensAfterThresholdAndFailsFast() {
            compile(SCHEMA);
            try (var driver = compiled.testDriver()) {
                driver.pipe("bad-1", order(-1));
                driver.pipe("bad-2", order(-2));
                driver.pipe("good", order(1));

                assertThat(driver.readStream("out")).isEmpty();
                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).extracting(DeadLetter::key).containsExactly("bad-1", "bad-2", "good");
                DeadLetter rejected = deadLetters.get(2);
                assertThat(rejected.errorClass()).isEqualTo(CircuitOpenException.class.getName());
                assertThat(rejected.errorPath()).isEqualTo("root.children[0]");
                assertThat(rejected.errorMessage()).startsWith("circuit of root.children[0] is open until 2026-01-01T00:00:10Z"
                        + " after 2 consecutive failures (last: root.children[0].child (");
            }
            assertThat(components.calls).containsExactly("validate", "validate");
        }

        @Test
        void halfOpenTrialSuccessClosesCircuit() {
            compile(SCHEMA);
            try (var driver = compiled.testDriver()) {
                driver.pipe("bad-1", order(-1));
                driver.pipe("bad-2", order(-2));
                driver.advanceWallClockTime(Duration.ofSeconds(9));
                driver.pipe("still-open", order(1));
                driver.advanceWallClockTime(Duration.ofSeconds(1));
                driver.pipe("trial", order(2));
                driver.pipe("bad-3", order(-3));
                driver.pipe("after", order(3));

                assertThat(driver.readStream("out")).extracting(TestRecord::key).containsExactly("trial", "after");
                assertThat(driver.readDeadLetters()).extracting(DeadLetter::key)
                        .containsExactly("bad-1", "bad-2", "still-open", "bad-3");
            }
        }

        @Test
        void failedTrialOpensCircuitAgain() {
            compile(SCHEMA);
            try (var driver = compiled.testDriver()) {
                driver.pipe("bad-1", order(-1));
                driver.pipe("bad-2", order(-2));
                driver.advanceWallClockTime(Duration.ofSeconds(10));
                driver.pipe("bad-trial", order(-3));
                driver.pipe("good", order(1));

                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).extracting(DeadLetter::key).containsExactly("bad-1", "bad-2", "bad-trial", "good");
                assertThat(deadLetters.get(2).errorMessage()).isEqualTo("invalid total -3.0");
                assertThat(deadLetters.get(3).errorMessage())
                        .startsWith("circuit of root.children[0] is open until 2026-01-01T00:00:20Z after its trial record failed");
                assertThat(driver.readStream("out")).isEmpty();
            }
        }
    }

    @Nested
    class RateLimit {

        @Test
        void recordsWaitForTokens() {
            compile("""
                    type: rate-limit
                    name: limited
                    requests_per_second: 10
                    burst_size: 1
                    child: { stream: out }
                    """);
            try (var driver = compiled.testDriver()) {
                long start = System.nanoTime();
                driver.pipe("k1", order(1));
                driver.pipe("k2", order(2));
                driver.pipe("k3", order(3));
                long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

                assertThat(elapsedMillis).as("the third token is due 200 ms after the first").isGreaterThanOrEqualTo(190L);
                assertThat(driver.readStream("out")).extracting(TestRecord::key).containsExactly("k1", "k2", "k3");
                assertThat(driver.readDeadLetters()).isEmpty();
            }
            // How many records waited depends on how slowly the driver pipes them, but the third always waits.
            assertThat(compiled.metrics().rateLimitWaits().get("limited")).isBetween(1L, 2L);
            assertThat(compiled.metrics().rateLimitWaitNanos().get("limited")).isPositive();
        }

        @Test
        void waitBeyondBoundFailsRecord() {
            compile("""
                    type: rate-limit
                    name: limited
                    requests_per_second: 0.001
                    child: { stream: out }
                    """);
            try (var driver = compiled.testDriver()) {
                long start = System.nanoTime();
                driver.pipe("k1", order(1));
                driver.pipe("k2", order(2));
                long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

                assertThat(elapsedMillis).as("no wait").isLessThan(5_000L);
                assertThat(driver.readStream("out")).extracting(TestRecord::key).containsExactly("k1");
                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).extracting(DeadLetter::key).containsExactly("k2");
                assertThat(deadLetters.get(0).errorClass()).isEqualTo(RateLimitExceededException.class.getName());
                assertThat(deadLetters.get(0).errorMessage()).startsWith("root (rate-limit) would hold the record 16m")
                        .contains("for a token (requests_per_second 0.001, burst_size 1), longer than the 1m0s a stream thread may wait");
            }
            assertThat(compiled.metrics().rateLimitRejections()).containsEntry("limited", 1L);
        }

        @Test
        void boundFollowsMaxPollInterval() {
            compile("""
                    type: rate-limit
                    requests_per_second: 0.1
                    child: { stream: out }
                    """);
            Properties properties = compiled.streamsProperties();
            properties.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "10000");
            @SuppressWarnings("unchecked")
            Serde<Object> keySerde = (Serde<Object>) compiled.options().keySerde();
            try (var driver = new FlumeTestDriver<>(compiled.topology(), properties, keySerde, compiled.valueSerde(),
                    compiled.sourceTopics(), compiled.streamTopics(), compiled.deadLetterTopic())) {
                driver.pipe("k1", order(1));
                driver.pipe("k2", order(2));

                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).extracting(DeadLetter::key).containsExactly("k2");
                assertThat(deadLetters.get(0).errorMessage()).contains("longer than the 5s a stream thread may wait");
            }
        }
    }

    @Test
    void subtreeProcessorsHaveExplicitNames() {
        compile("""
                type: sequence
                children:
                  - type: timeout
                    name: guarded
                    child:
                      type: sequence
                      children:
                        - stream: audit
                        - ref: mark
                  - stream: out
                """);

        String description = compiled.describe();

        assertThat(description).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
        assertThat(description).contains("Processor: guarded.inline ", "Processor: guarded.send-audit ",
                "Sink: guarded.sink-audit ", "(topic: audit)");
        assertThat(compiled.streamTopics()).containsEntry("audit", "audit").containsEntry("out", "out");
        assertThat(total(order(2))).isEqualTo(2.0);
    }
}
