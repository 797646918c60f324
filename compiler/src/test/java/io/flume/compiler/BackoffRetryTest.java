package io.flume.compiler;

import static io.flume.compiler.TestComponents.order;
import static io.flume.compiler.TestComponents.schema;
import static io.flume.compiler.TestComponents.total;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.PipelineException;
import io.flume.runtime.errors.DeadLetterRecords;
import io.flume.runtime.errors.FlumeHeaders;
import io.flume.runtime.testing.DeadLetter;
import io.flume.runtime.testing.FlumeTestDriver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code retry} with {@code backoff}: retry topic and store on the topology back-end, waits in place inline. */
class BackoffRetryTest {

    /** The wall-clock time at which every {@link FlumeTestDriver} starts. */
    private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final String RETRY_TOPIC = "flume.charge.retry";

    private static final String RETRY = """
            type: sequence
            children:
              - type: retry
                name: charge
                attempts: 3
                backoff: 1s
                child: { ref: flaky }
              - stream: out
            """;

    private final FailoverComponents components = new FailoverComponents();

    private CompiledTopology<ObjectNode> compile(String yaml) {
        return TopologyCompiler.compile(schema(yaml), components.flume, CompileOptions.defaults());
    }

    private static ObjectNode failing(int attempts) {
        return order(10).put("fail_attempts", attempts);
    }

    private static void advance(FlumeTestDriver<?> driver, long millis) {
        driver.advanceWallClockTime(Duration.ofMillis(millis));
    }

    @Nested
    class OnTopology {

        @Test
        void succeedsOnSecondAttemptOnlyOnceBackoffHasPassed() {
            try (var driver = compile(RETRY).testDriver()) {
                driver.pipe("k1", failing(1));
                assertThat(driver.readStream("out")).isEmpty();

                advance(driver, 999);
                assertThat(driver.readStream("out")).as("before the backoff has passed").isEmpty();

                advance(driver, 1);
                List<TestRecord<Object, ObjectNode>> out = driver.readStream("out");
                assertThat(out).hasSize(1);
                assertThat(out.get(0).key()).isEqualTo("k1");
                ObjectNode value = out.get(0).value();
                assertThat(value.path("attempt").asInt()).isEqualTo(2);
                assertThat(value.has("scribbled")).as("the retry runs on the saved input").isFalse();
                assertThat(out.get(0).headers().lastHeader(FlumeHeaders.RETRY_ATTEMPT)).as("output headers stay plain").isNull();
                assertThat(driver.readDeadLetters()).isEmpty();
            }
            assertThat(components.attempts).containsExactly(1, 2);
        }

        @Test
        void delaysDoubleAndExhaustedRecordGoesToDeadLetterWithAttempts() {
            try (var driver = compile(RETRY).testDriver()) {
                driver.pipe("k1", failing(5));

                advance(driver, 1000);
                assertThat(components.attempts).containsExactly(1, 2);
                advance(driver, 1999);
                assertThat(components.attempts).as("the second wait is twice the backoff").containsExactly(1, 2);
                assertThat(driver.readDeadLetters()).isEmpty();
                advance(driver, 1);
                assertThat(components.attempts).containsExactly(1, 2, 3);

                assertThat(driver.readStream("out")).isEmpty();
                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).hasSize(1);
                DeadLetter deadLetter = deadLetters.get(0);
                assertThat(deadLetter.key()).isEqualTo("k1");
                assertThat(deadLetter.header(FlumeHeaders.ERROR_ATTEMPTS)).isEqualTo("3");
                assertThat(deadLetter.errorPath()).isEqualTo("root.children[0].child");
                assertThat(deadLetter.errorMessage()).isEqualTo("flaky failed on attempt 3");
                assertThat(deadLetter.header(FlumeHeaders.ERROR_FIRST_CLASS)).isEqualTo(IllegalStateException.class.getName());
                assertThat(deadLetter.header(FlumeHeaders.ERROR_FIRST_MESSAGE)).isEqualTo("flaky failed on attempt 1");
                assertThat(deadLetter.header(FlumeHeaders.ERROR_FIRST_PATH)).isEqualTo("root.children[0].child");
                ObjectNode value = driver.decode(deadLetter);
                assertThat(total(value)).isEqualTo(10.0);
                assertThat(value.has("scribbled")).isFalse();
                assertThat(deadLetter.header(FlumeHeaders.SOURCE_TOPIC)).as("the source record of the first attempt").isEqualTo("input");
                assertThat(deadLetter.header(FlumeHeaders.SOURCE_PARTITION)).isEqualTo("0");
                assertThat(deadLetter.header(FlumeHeaders.SOURCE_OFFSET)).isEqualTo("0");

                advance(driver, 10_000);
                assertThat(components.attempts).as("nothing is retried after the last attempt").hasSize(3);
            }
        }

        @Test
        void retryTopicRecordsCarryAttemptDueTimeAndFirstFailure() {
            try (var driver = compile(RETRY).testDriver()) {
                var retries = driver.driver().createOutputTopic(RETRY_TOPIC, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                driver.pipe("k1", failing(2));

                var first = retries.readRecordsToList();
                assertThat(first).hasSize(1);
                var headers = first.get(0).headers();
                assertThat(DeadLetterRecords.header(headers, FlumeHeaders.RETRY_ATTEMPT)).isEqualTo("2");
                assertThat(DeadLetterRecords.header(headers, FlumeHeaders.RETRY_DUE)).isEqualTo(Long.toString(START + 1000));
                assertThat(DeadLetterRecords.header(headers, FlumeHeaders.RETRY_FIRST_ERROR_CLASS))
                        .isEqualTo(IllegalStateException.class.getName());
                assertThat(DeadLetterRecords.header(headers, FlumeHeaders.RETRY_FIRST_ERROR_MESSAGE)).isEqualTo("flaky failed on attempt 1");
                assertThat(DeadLetterRecords.header(headers, FlumeHeaders.RETRY_FIRST_ERROR_PATH)).isEqualTo("root.children[0].child");
                assertThat(headers.lastHeader(FlumeHeaders.RETRY_FRAMES)).as("no enclosing nodes").isNull();
                String value = new String(first.get(0).value(), StandardCharsets.UTF_8);
                assertThat(value).as("the plain user value").contains("\"total\"").doesNotContain("scribbled");

                advance(driver, 1000);
                var second = retries.readRecordsToList();
                assertThat(second).hasSize(1);
                var secondHeaders = second.get(0).headers();
                assertThat(DeadLetterRecords.header(secondHeaders, FlumeHeaders.RETRY_ATTEMPT)).isEqualTo("3");
                assertThat(DeadLetterRecords.header(secondHeaders, FlumeHeaders.RETRY_DUE)).isEqualTo(Long.toString(START + 3000));
                assertThat(DeadLetterRecords.header(secondHeaders, FlumeHeaders.RETRY_FIRST_ERROR_MESSAGE))
                        .as("the first failure stays").isEqualTo("flaky failed on attempt 1");

                advance(driver, 2000);
                assertThat(driver.readStream("out")).hasSize(1);
                assertThat(retries.readRecordsToList()).isEmpty();
            }
        }

        @Test
        void recordsDueEarlierAreReleasedFirstWhateverTheirOffsets() {
            try (var driver = compile(RETRY).testDriver()) {
                driver.pipe("slow", failing(2));
                advance(driver, 1000);
                assertThat(components.attempts).containsExactly(1, 2);
                driver.pipe("fast", failing(1));

                // One step, one punctuation: "slow" (due at 3 s, written first) and "fast" (due at 2 s) are both due.
                advance(driver, 2000);

                List<Object> keys = driver.readStream("out").stream().map(TestRecord::key).toList();
                assertThat(keys).containsExactly("fast", "slow");
            }
        }

        @Test
        void recordThatArrivesFailedIsNotRetried() {
            String yaml = """
                    type: sequence
                    children:
                      - ref: scribble-then-fail
                      - type: retry
                        name: charge
                        backoff: 1s
                        child: { ref: flaky }
                    """;
            try (var driver = compile(yaml).testDriver()) {
                driver.pipe("k1", order(1));
                advance(driver, 5000);

                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).hasSize(1);
                assertThat(deadLetters.get(0).errorPath()).isEqualTo("root.children[0]");
                assertThat(deadLetters.get(0).header(FlumeHeaders.ERROR_ATTEMPTS)).isEqualTo("1");
                assertThat(deadLetters.get(0).header(FlumeHeaders.ERROR_FIRST_MESSAGE)).as("never retried").isNull();
            }
            assertThat(components.attempts).isEmpty();
        }

        @Test
        void deadLetterOfNestedRetriesNamesVeryFirstFailure() {
            String yaml = """
                    type: retry
                    name: charge
                    attempts: 2
                    backoff: 1s
                    child:
                      type: retry
                      attempts: 2
                      child:
                        type: sequence
                        children:
                          - ref: double
                          - ref: flaky
                    """;
            try (var driver = compile(yaml).testDriver()) {
                driver.pipe("k1", failing(9));
                advance(driver, 1000);

                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).hasSize(1);
                DeadLetter deadLetter = deadLetters.get(0);
                assertThat(deadLetter.errorMessage()).isEqualTo("flaky failed on attempt 2");
                assertThat(deadLetter.header(FlumeHeaders.ERROR_ATTEMPTS)).as("the outer node's runs").isEqualTo("2");
                assertThat(deadLetter.header(FlumeHeaders.ERROR_FIRST_MESSAGE))
                        .as("the inner retry's first run of the outer retry's first run").isEqualTo("flaky failed on attempt 1");
                assertThat(deadLetter.header(FlumeHeaders.ERROR_FIRST_PATH)).isEqualTo("root.child.child.children[1]");
            }
            assertThat(components.attempts).containsExactly(1, 2, 1, 2);
        }

        @Test
        void deadLetterOfRetryWithoutBackoffNamesFirstFailure() {
            String yaml = """
                    type: retry
                    attempts: 3
                    child: { ref: flaky }
                    """;
            try (var driver = compile(yaml).testDriver()) {
                driver.pipe("k1", failing(9));

                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).hasSize(1);
                DeadLetter deadLetter = deadLetters.get(0);
                assertThat(deadLetter.errorMessage()).isEqualTo("flaky failed on attempt 3");
                assertThat(deadLetter.header(FlumeHeaders.ERROR_FIRST_CLASS)).isEqualTo(IllegalStateException.class.getName());
                assertThat(deadLetter.header(FlumeHeaders.ERROR_FIRST_MESSAGE)).isEqualTo("flaky failed on attempt 1");
                assertThat(deadLetter.header(FlumeHeaders.ERROR_FIRST_PATH)).isEqualTo("root.child");
            }
        }

        /**
         * Pins a documented difference between the back-ends: sinks in a topology are not undone
         * when a later step of the same run fails, so a stream node before the failing processor
         * sends once per run, while in process only the successful run's sends are kept.
         */
        @Test
        void streamBeforeFailureSendsOnEveryRun() {
            String yaml = """
                    type: retry
                    name: charge
                    attempts: 3
                    backoff: 1s
                    child:
                      type: sequence
                      children:
                        - stream: audit
                        - ref: flaky
                        - stream: out
                    """;
            try (var driver = compile(yaml).testDriver()) {
                driver.pipe("k1", failing(2));
                advance(driver, 1000);
                advance(driver, 2000);

                List<TestRecord<Object, ObjectNode>> audit = driver.readStream("audit");
                assertThat(audit).as("one send per run, the failed runs' included").hasSize(3);
                assertThat(audit).extracting(TestRecord::key).containsOnly("k1");
                assertThat(driver.readStream("out")).hasSize(1);
            }
            assertThat(components.attempts).containsExactly(1, 2, 3);

            var inline = InlineCompiler.compile(schema(yaml.replace("backoff: 1s", "backoff: 1ms")), components.flume,
                    CompileOptions.defaults());
            assertThat(inline.run(null, failing(2)).sentTo("audit")).as("in process, only the successful run's send").hasSize(1);
        }

        @Test
        void compiledTopologyNamesRetryTopicStoreAndPunctuationInterval() {
            var compiled = compile(RETRY);

            assertThat(compiled.retryTopics()).containsExactly(RETRY_TOPIC);
            assertThat(compiled.topics()).contains(RETRY_TOPIC);
            assertThat(compiled.punctuationInterval()).contains(Duration.ofMillis(500));
            assertThat(compiled.describe()).contains("charge.enter", "charge.retry-source", "charge.release",
                    "charge.branch", "charge.schedule", "charge.retry-sink", "charge.leave", "charge.retry-store");
        }

        @Test
        void streamsPropertiesDisableTaskIdling() {
            // The retry topic's mostly empty partition must not make each task check, before every
            // record, whether to wait for it.
            var properties = compile(RETRY).streamsProperties();

            assertThat(properties.get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        }
    }

    private static final String NESTED = """
            type: sequence
            children:
              - type: handle
                error_handler: recover
                child:
                  type: fallback
                  children:
                    - type: retry
                      name: charge
                      attempts: 2
                      backoff: 1s
                      child:
                        type: sequence
                        children:
                          - ref: double
                          - ref: flaky
                    - ref: %s
              - stream: out
            """;

    @Nested
    class Nesting {

        @Test
        void failureOnLastAttemptReachesEnclosingFallbackWithItsInput() {
            try (var driver = compile(NESTED.formatted("mark")).testDriver()) {
                driver.pipe("k1", failing(5));
                advance(driver, 1000);

                List<TestRecord<Object, ObjectNode>> out = driver.readStream("out");
                assertThat(out).hasSize(1);
                ObjectNode value = out.get(0).value();
                assertThat(value.path("marked").asBoolean()).isTrue();
                assertThat(total(value)).as("the fallback's own saved input, not a retried one").isEqualTo(10.0);
                assertThat(value.has("scribbled")).isFalse();
                assertThat(driver.readDeadLetters()).isEmpty();
            }
            assertThat(components.attempts).containsExactly(1, 2);
            assertThat(components.handled).isEmpty();
        }

        @Test
        void failureOfFallbackAfterRetriesReachesEnclosingHandler() {
            try (var driver = compile(NESTED.formatted("fail-second")).testDriver()) {
                driver.pipe("k1", failing(5));
                advance(driver, 1000);

                List<TestRecord<Object, ObjectNode>> out = driver.readStream("out");
                assertThat(out).hasSize(1);
                assertThat(out.get(0).value().path("recovered").asText()).isEqualTo("second failed too");
                assertThat(total(out.get(0).value())).isEqualTo(10.0);
            }
            assertThat(components.handled).hasSize(1);
            assertThat(components.handled.get(0).nodePath()).isEqualTo("root.children[0].child.children[1]");
            assertThat(components.calls).containsExactly("double", "flaky", "double", "flaky", "fail-second");
        }

        @Test
        void successOnRetryLeavesEveryEnclosingNode() {
            try (var driver = compile(NESTED.formatted("fail-second")).testDriver()) {
                driver.pipe("k1", failing(1));
                advance(driver, 1000);

                List<TestRecord<Object, ObjectNode>> out = driver.readStream("out");
                assertThat(out).hasSize(1);
                assertThat(total(out.get(0).value())).as("doubled once, on the saved input").isEqualTo(20.0);
                assertThat(out.get(0).value().path("attempt").asInt()).isEqualTo(2);
                assertThat(out.get(0).headers().lastHeader(FlumeHeaders.RETRY_FRAMES)).isNull();
            }
            assertThat(components.handled).isEmpty();
        }
    }

    @Nested
    class Inline {

        private static final String INLINE = """
                type: retry
                attempts: 3
                backoff: 20ms
                child: { ref: flaky }
                """;

        @Test
        void retriesInPlaceOnSavedInputAndSeesAttemptNumber() {
            var pipeline = InlineCompiler.compile(schema(INLINE), components.flume, CompileOptions.defaults());

            long started = System.nanoTime();
            ObjectNode out = pipeline.process(failing(2));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(out.path("attempt").asInt()).isEqualTo(3);
            assertThat(out.has("scribbled")).isFalse();
            assertThat(components.attempts).containsExactly(1, 2, 3);
            assertThat(took).as("waits 20 ms, then 40 ms").isGreaterThanOrEqualTo(Duration.ofMillis(60));
        }

        @Test
        void exhaustedRetryFailsWithAttemptCount() {
            var pipeline = InlineCompiler.compile(schema(INLINE), components.flume, CompileOptions.defaults());

            assertThatThrownBy(() -> pipeline.process(failing(9)))
                    .isInstanceOfSatisfying(PipelineException.class, failure -> {
                        assertThat(failure.nodePath()).isEqualTo("root.child");
                        assertThat(failure.getCause()).hasMessage("flaky failed on attempt 3");
                    });
            assertThat(pipeline.run(null, failing(9)).failure().attempts()).isEqualTo(3);
        }

        @Test
        void nestedRetryInsideFallbackInsideHandle() {
            var pipeline = InlineCompiler.compile(schema(NESTED.formatted("fail-second").replace("backoff: 1s", "backoff: 5ms")),
                    components.flume, CompileOptions.defaults());

            ObjectNode out = pipeline.process(failing(5));

            assertThat(out.path("recovered").asText()).isEqualTo("second failed too");
            assertThat(components.attempts).containsExactly(1, 2);
            assertThat(components.handled.get(0).nodePath()).isEqualTo("root.children[0].child.children[1]");
        }
    }
}
