package io.flume.compiler;

import static io.flume.compiler.ParallelComponents.value;
import static io.flume.compiler.TestComponents.schema;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.runtime.inline.ContestFailedException;
import io.flume.runtime.inline.RaceFailedException;
import io.flume.runtime.testing.DeadLetter;
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
}

