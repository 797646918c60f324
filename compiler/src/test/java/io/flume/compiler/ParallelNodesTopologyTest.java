package io.flume.compiler;

import static io.flume.compiler.ParallelComponents.value;
import static io.flume.compiler.TestComponents.schema;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.runtime.inline.ContestFailedException;
import io.flume.runtime.inline.RaceFailedException;
import io.flume.runtime.testing.DeadLetter;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Topology tests of race, contest, worker-pool and concurrent with a reducer. */
class ParallelNodesTopologyTest {

    private final ParallelComponents components = new ParallelComponents();
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

    private void awaitIdleExecutor() throws InterruptedException {
        for (int i = 0; i < 100 && compiled.inlineExecutor().busyThreads() > 0; i++) {
            Thread.sleep(20);
        }
        assertThat(compiled.inlineExecutor().busyThreads()).as("threads still held by children").isZero();
    }

    @Nested
    class Race {

        @Test
        void winnerContinuesWithItsSendsOnly() throws InterruptedException {
            compile("""
                    type: sequence
                    children:
                      - type: race
                        name: pricing
                        children:
                          - type: sequence
                            children: [ { stream: blocked-sent }, { ref: sleep-minute } ]
                          - type: sequence
                            children: [ { ref: fail-fast }, { stream: failed-sent } ]
                          - type: sequence
                            children: [ { stream: fast-sent }, { ref: sleep-50 } ]
                      - stream: out
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", value(1));

                List<TestRecord<Object, ObjectNode>> out = driver.readStream("out");
                assertThat(out).extracting(record -> record.value().path("winner").asText()).containsExactly("sleep-50");
                assertThat(driver.readStream("fast-sent")).extracting(TestRecord::key).containsExactly("k1");
                assertThat(driver.readStream("blocked-sent")).isEmpty();
                assertThat(driver.readStream("failed-sent")).isEmpty();
                assertThat(driver.readDeadLetters()).isEmpty();
            }
            ParallelNodesPipelineTest.awaitInterrupted(components, "sleep-minute");
            awaitIdleExecutor();
            assertThat(compiled.topology().describe().toString()).contains("pricing.inline");
        }

        @Test
        void allChildrenFailingDeadLettersWithEveryError() {
            compile("""
                    type: race
                    children: [ { ref: fail-slow }, { ref: fail-fast } ]
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", value(7));

                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).hasSize(1);
                assertThat(deadLetters.get(0).errorClass()).isEqualTo(RaceFailedException.class.getName());
                assertThat(deadLetters.get(0).errorPath()).isEqualTo("root");
                assertThat(deadLetters.get(0).errorMessage()).isEqualTo("all 2 children of race root (race) failed;"
                        + " root.children[0] failed: IllegalArgumentException: fail-slow failed;"
                        + " root.children[1] failed: IllegalStateException: fail-fast failed");
                assertThat(driver.decode(deadLetters.get(0))).isEqualTo(value(7));
            }
        }
    }

    @Nested
    class Contest {

        @Test
        void firstSatisfyingResultContinues() {
            compile("""
                    type: sequence
                    children:
                      - type: contest
                        predicate: cheap
                        children: [ { ref: sleep-50 }, { ref: sleep-200 } ]
                      - stream: out
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", value(1));

                assertThat(driver.readStream("out")).extracting(record -> record.value().path("price").asInt()).containsExactly(5);
            }
        }

        @Test
        void noSatisfyingResultDeadLetters() {
            compile("""
                    type: contest
                    predicate: cheap
                    children: [ { ref: sleep-50 }, { ref: fail-fast } ]
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", value(1));

                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).hasSize(1);
                assertThat(deadLetters.get(0).errorClass()).isEqualTo(ContestFailedException.class.getName());
                assertThat(deadLetters.get(0).errorMessage())
                        .startsWith("no child of contest root (contest) returned a result that satisfies predicate 'cheap'")
                        .contains("root.children[0] returned {\"id\":1,\"winner\":\"sleep-50\",\"price\":500}, which does not satisfy it")
                        .endsWith("root.children[1] failed: IllegalStateException: fail-fast failed");
            }
        }
    }

    @Nested
    class WorkerPool {

        @Test
        void recordContinuesUnchangedWithSends() {
            compile("""
                    type: sequence
                    children:
                      - type: worker-pool
                        workers: 2
                        children:
                          - type: sequence
                            children: [ { ref: counted-50 }, { stream: counted } ]
                          - type: sequence
                            children: [ { ref: tag-a }, { stream: tagged } ]
                          - { ref: counted-50 }
                      - stream: out
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", value(1));

                assertThat(driver.readStream("out")).extracting(TestRecord::value).containsExactly(value(1));
                assertThat(driver.readStream("counted")).extracting(record -> record.value().path("counted").asBoolean())
                        .containsExactly(true);
                assertThat(driver.readStream("tagged")).extracting(record -> record.value().path("a").asInt()).containsExactly(1);
            }
            assertThat(components.maxRunning.get()).isLessThanOrEqualTo(2);
        }

        @Test
        void failingChildDeadLettersWithItsError() {
            compile("""
                    type: worker-pool
                    children:
                      - type: sequence
                        children: [ { ref: sleep-50 }, { stream: sent } ]
                      - { ref: fail-fast }
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", value(1));

                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).hasSize(1);
                assertThat(deadLetters.get(0).errorPath()).isEqualTo("root.children[1]");
                assertThat(deadLetters.get(0).errorMessage()).isEqualTo("fail-fast failed");
                assertThat(driver.readStream("sent")).as("a failed inline subtree forwards no sends").isEmpty();
            }
            assertThat(components.finished).contains("sleep-50");
        }
    }

    @Nested
    class ConcurrentWithReducer {

        private static final String ENRICH = """
                type: sequence
                children:
                  - type: concurrent
                    name: enrich
                    reducer: merge
                    children: %s
                  - stream: out
                """;

        @Test
        void reducerSeesFailedChild() {
            compile(ENRICH.formatted("[ { ref: tag-a }, { ref: fail-fast }, { ref: tag-b } ]"));
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", value(1));

                List<TestRecord<Object, ObjectNode>> out = driver.readStream("out");
                assertThat(out).hasSize(1);
                ObjectNode merged = out.get(0).value();
                assertThat(merged.path("a").asInt()).isEqualTo(1);
                assertThat(merged.path("b").asInt()).isEqualTo(2);
                assertThat(merged.path("errors").path("fail-fast").asText()).isEqualTo("IllegalStateException: fail-fast failed");
                assertThat(out.get(0).key()).isEqualTo("k1");
                assertThat(driver.readDeadLetters()).isEmpty();
                assertThat(storeSize(driver, "enrich.gather-store")).as("the entry is deleted").isZero();
            }
            assertThat(components.reductions).containsExactly("{\"id\":1} [tag-a, tag-b] [fail-fast]");
            assertThat(compiled.topology().describe().toString())
                    .contains("enrich.open", "enrich.gather", "enrich.bypass", "enrich.gather-store");
        }

        @Test
        void gatherCompletesAtTimeoutWithoutMissingChild() {
            compile(ENRICH.formatted("""
                    
                          - { ref: tag-a }
                          - type: retry
                            name: slow-retry
                            attempts: 2
                            backoff: 1m
                            child: { ref: fail-fast }
                    """), CompileOptions.builder().gatherTimeout(Duration.ofSeconds(5)).build());
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", value(1));
                assertThat(driver.readStream("out")).as("the retrying child has not reported").isEmpty();
                assertThat(storeSize(driver, "enrich.gather-store")).isEqualTo(1);

                driver.advanceWallClockTime(Duration.ofSeconds(6));

                List<TestRecord<Object, ObjectNode>> out = driver.readStream("out");
                assertThat(out).hasSize(1);
                assertThat(out.get(0).value().path("a").asInt()).isEqualTo(1);
                assertThat(out.get(0).value().path("errors").path("slow-retry").asText())
                        .isEqualTo("GatherTimeoutException: child slow-retry of root.children[0] (enrich) did not report within 5s;"
                                + " make the child faster or raise the gather timeout (CompileOptions.Builder.gatherTimeout)");
                assertThat(storeSize(driver, "enrich.gather-store")).isZero();

                driver.advanceWallClockTime(Duration.ofMinutes(2));
                assertThat(driver.readStream("out")).as("the late report is dropped").isEmpty();
                assertThat(driver.readDeadLetters()).isEmpty();
            }
        }

        @Test
        void childFinishingAfterRetryIsWaitedFor() {
            compile(ENRICH.formatted("""
                    
                          - { ref: tag-a }
                          - type: retry
                            name: slow-retry
                            attempts: 2
                            backoff: 1s
                            child: { ref: fail-once }
                    """));
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", value(1));
                assertThat(driver.readStream("out")).isEmpty();

                driver.advanceWallClockTime(Duration.ofSeconds(2));

                List<TestRecord<Object, ObjectNode>> out = driver.readStream("out");
                assertThat(out).hasSize(1);
                assertThat(out.get(0).value().path("a").asInt()).isEqualTo(1);
                assertThat(out.get(0).value().path("attempt").asInt()).isEqualTo(2);
                assertThat(out.get(0).value().has("errors")).isFalse();
            }
        }

        @Test
        void reducerFailureDeadLettersOriginal() {
            compile("""
                    type: concurrent
                    reducer: explode
                    children: [ { ref: tag-a } ]
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", value(3));

                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).hasSize(1);
                assertThat(deadLetters.get(0).errorPath()).isEqualTo("root");
                assertThat(deadLetters.get(0).errorMessage()).isEqualTo("reducer exploded");
                assertThat(driver.decode(deadLetters.get(0))).isEqualTo(value(3));
            }
        }

        @Test
        void failedRecordBypassesChildrenAndReducer() {
            compile("""
                    type: sequence
                    children:
                      - ref: fail-fast
                      - type: concurrent
                        reducer: merge
                        children: [ { ref: tag-a } ]
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", value(1));

                assertThat(driver.readDeadLetters()).extracting(DeadLetter::errorPath).containsExactly("root.children[0]");
            }
            assertThat(components.reductions).isEmpty();
        }

        @Test
        void nestedGathersAndRaceComplete() {
            compile(ENRICH.formatted("""
                    
                          - type: concurrent
                            name: inner
                            reducer: merge
                            children: [ { ref: tag-a }, { ref: fail-fast } ]
                          - type: race
                            children:
                              - type: concurrent
                                reducer: merge
                                children: [ { ref: tag-b } ]
                    """));
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", value(1));

                List<TestRecord<Object, ObjectNode>> out = driver.readStream("out");
                assertThat(out).hasSize(1);
                assertThat(out.get(0).value().path("a").asInt()).isEqualTo(1);
                assertThat(out.get(0).value().path("b").asInt()).isEqualTo(2);
                assertThat(out.get(0).value().path("errors").path("fail-fast").asText()).isEqualTo("IllegalStateException: fail-fast failed");
                assertThat(storeSize(driver, "inner.gather-store")).isZero();
            }
            assertThat(components.reductions).hasSize(3);
        }

        private long storeSize(io.flume.runtime.testing.FlumeTestDriver<ObjectNode> driver, String store) {
            try (var iterator = driver.driver().getKeyValueStore(store).all()) {
                long count = 0;
                while (iterator.hasNext()) {
                    iterator.next();
                    count++;
                }
                return count;
            }
        }
    }
}

