package io.flume.compiler;

import static io.flume.compiler.TestComponents.order;
import static io.flume.compiler.TestComponents.schema;
import static io.flume.compiler.TestComponents.total;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Pipeline;
import io.flume.PipelineException;
import io.flume.api.FailedRecord;
import io.flume.runtime.errors.FlumeHeaders;
import io.flume.runtime.testing.DeadLetter;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code fallback} and {@code handle}, on the topology back-end and in-process. */
class FallbackAndHandleTest {

    private final FailoverComponents components = new FailoverComponents();

    private CompiledTopology<ObjectNode> compile(String yaml) {
        return TopologyCompiler.compile(schema(yaml), components.flume, CompileOptions.defaults());
    }

    private Pipeline<ObjectNode> pipeline(String yaml) {
        return InlineCompiler.compile(schema(yaml), components.flume, CompileOptions.defaults());
    }

    private static ObjectNode only(List<TestRecord<Object, ObjectNode>> records) {
        assertThat(records).hasSize(1);
        return records.get(0).value();
    }

    private static final String FALLBACK_TO_MARK = """
            type: sequence
            children:
              - type: fallback
                children:
                  - type: sequence
                    children:
                      - ref: double
                      - ref: %s
                  - ref: %s
              - stream: out
            """;

    @Nested
    class Fallback {

        @Test
        void firstChildSucceedingSkipsSecond() {
            var compiled = compile(FALLBACK_TO_MARK.formatted("mark", "fail-second"));
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", order(10));

                ObjectNode out = only(driver.readStream("out"));
                assertThat(total(out)).isEqualTo(20.0);
                assertThat(out.path("marked").asBoolean()).isTrue();
                assertThat(driver.readDeadLetters()).isEmpty();
            }
            assertThat(components.calls).containsExactly("double", "mark");
        }

        @Test
        void secondChildRunsOnInputFirstChildReceived() {
            var compiled = compile(FALLBACK_TO_MARK.formatted("scribble-then-fail", "mark"));
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", order(10));

                ObjectNode out = only(driver.readStream("out"));
                assertThat(total(out)).as("not the doubled partial result").isEqualTo(10.0);
                assertThat(out.has("scribbled")).isFalse();
                assertThat(out.path("marked").asBoolean()).isTrue();
                assertThat(driver.readDeadLetters()).isEmpty();
            }
            assertThat(components.calls).containsExactly("double", "scribble-then-fail", "mark");
        }

        @Test
        void failureOfSecondChildGoesToDeadLetterWithItsOwnPath() {
            var compiled = compile(FALLBACK_TO_MARK.formatted("scribble-then-fail", "fail-second"));
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", order(10));

                assertThat(driver.readStream("out")).isEmpty();
                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).hasSize(1);
                DeadLetter deadLetter = deadLetters.get(0);
                assertThat(deadLetter.errorPath()).isEqualTo("root.children[0].children[1]");
                assertThat(deadLetter.errorNode()).isEqualTo("sequence.fallback.fail-second");
                assertThat(deadLetter.errorMessage()).isEqualTo("second failed too");
                assertThat(total(driver.decode(deadLetter))).isEqualTo(10.0);
            }
        }

        @Test
        void recordThatArrivesFailedSkipsFallbackAndKeepsItsFailure() {
            var compiled = compile("""
                    type: sequence
                    children:
                      - ref: scribble-then-fail
                      - type: fallback
                        children:
                          - ref: double
                          - ref: mark
                      - stream: out
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", order(10));

                assertThat(driver.readStream("out")).isEmpty();
                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).hasSize(1);
                assertThat(deadLetters.get(0).errorPath()).isEqualTo("root.children[0]");
            }
            assertThat(components.calls).containsExactly("scribble-then-fail");
        }

        @Test
        void nestedFallbacksHandleOnlyTheirOwnFailures() {
            var compiled = compile("""
                    type: sequence
                    children:
                      - type: fallback
                        name: outer
                        children:
                          - type: sequence
                            children:
                              - type: fallback
                                name: inner
                                children:
                                  - ref: scribble-then-fail
                                  - ref: double
                              - ref: fail-second
                          - ref: mark
                      - stream: out
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", order(10));

                ObjectNode out = only(driver.readStream("out"));
                assertThat(total(out)).as("the outer fallback restores the outer input").isEqualTo(10.0);
                assertThat(out.path("marked").asBoolean()).isTrue();
                assertThat(driver.readDeadLetters()).isEmpty();
            }
            assertThat(components.calls).containsExactly("scribble-then-fail", "double", "fail-second", "mark");
        }

        @Test
        void topologyNamesEnterBranchRestoreAndLeave() {
            String description = compile(FALLBACK_TO_MARK.formatted("scribble-then-fail", "mark")).describe();

            assertThat(description).contains("sequence.fallback.enter", "sequence.fallback.branch",
                    "sequence.fallback.restore", "sequence.fallback.leave");
            assertThat(description).doesNotContain("merge-");
        }

        @Test
        void inlineRunsSecondOnSavedInput() {
            var pipeline = pipeline(FALLBACK_TO_MARK.formatted("scribble-then-fail", "mark"));

            ObjectNode out = pipeline.process(order(10));

            assertThat(total(out)).isEqualTo(10.0);
            assertThat(out.has("scribbled")).isFalse();
            assertThat(out.path("marked").asBoolean()).isTrue();
        }

        @Test
        void inlineFailureOfSecondCarriesItsPath() {
            var pipeline = pipeline(FALLBACK_TO_MARK.formatted("scribble-then-fail", "fail-second"));

            assertThatThrownBy(() -> pipeline.process(order(10)))
                    .isInstanceOfSatisfying(PipelineException.class, failure -> {
                        assertThat(failure.nodePath()).isEqualTo("root.children[0].children[1]");
                        assertThat(total((ObjectNode) failure.input())).isEqualTo(10.0);
                    });
        }
    }

    private static final String HANDLE = """
            type: sequence
            children:
              - ref: double
              - type: handle
                error_handler: %s
                child:
                  type: sequence
                  children:
                    - ref: mark
                    - ref: %s
              - stream: out
            """;

    @Nested
    class Handle {

        @Test
        void handlerSeesValueErrorPathAndAttemptsOfFailingNode() {
            var compiled = compile(HANDLE.formatted("recover", "scribble-then-fail"));
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", order(5));
            }

            assertThat(components.handled).hasSize(1);
            FailedRecord<ObjectNode> failure = components.handled.get(0);
            assertThat(total(failure.value())).isEqualTo(10.0);
            assertThat(failure.value().path("marked").asBoolean()).as("as the failing node received it").isTrue();
            assertThat(failure.value().has("scribbled")).isFalse();
            assertThat(failure.error()).isInstanceOf(IllegalStateException.class).hasMessage("failed after scribbling");
            assertThat(failure.nodePath()).isEqualTo("root.children[1].child.children[1]");
            assertThat(failure.attempts()).isEqualTo(1);
        }

        @Test
        void returnedValueRecoversRecord() {
            var compiled = compile(HANDLE.formatted("recover", "scribble-then-fail"));
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", order(5));

                ObjectNode out = only(driver.readStream("out"));
                assertThat(out.path("recovered").asText()).isEqualTo("failed after scribbling");
                assertThat(total(out)).isEqualTo(10.0);
                assertThat(driver.readDeadLetters()).isEmpty();
            }
        }

        @Test
        void healthyRecordSkipsHandler() {
            var compiled = compile(HANDLE.formatted("recover", "double"));
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", order(5));

                assertThat(total(only(driver.readStream("out")))).isEqualTo(20.0);
            }
            assertThat(components.handled).isEmpty();
        }

        @Test
        void newExceptionFailsRecordAtHandleNodeWithOriginalAsCause() {
            var compiled = compile(HANDLE.formatted("give-up", "scribble-then-fail"));
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", order(5));

                assertThat(driver.readStream("out")).isEmpty();
                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).hasSize(1);
                DeadLetter deadLetter = deadLetters.get(0);
                assertThat(deadLetter.errorPath()).isEqualTo("root.children[1]");
                assertThat(deadLetter.errorNode()).isEqualTo("sequence.handle");
                assertThat(deadLetter.errorClass()).isEqualTo(UnsupportedOperationException.class.getName());
                assertThat(deadLetter.errorMessage()).isEqualTo("handler gave up on root.children[1].child.children[1]");
                assertThat(deadLetter.header(FlumeHeaders.ERROR_ATTEMPTS)).isEqualTo("1");
                ObjectNode value = driver.decode(deadLetter);
                assertThat(total(value)).as("the value the handle node received").isEqualTo(10.0);
                assertThat(value.has("marked")).isFalse();
            }
        }

        @Test
        void rethrownExceptionKeepsItsClassAndMessage() {
            var compiled = compile(HANDLE.formatted("rethrow", "scribble-then-fail"));
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", order(5));

                DeadLetter deadLetter = driver.readDeadLetters().get(0);
                assertThat(deadLetter.errorClass()).isEqualTo(IllegalStateException.class.getName());
                assertThat(deadLetter.errorMessage()).isEqualTo("failed after scribbling");
                assertThat(deadLetter.errorPath()).isEqualTo("root.children[1]");
            }
        }

        @Test
        void nullFromHandlerFailsRecord() {
            var compiled = compile(HANDLE.formatted("return-null", "scribble-then-fail"));
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", order(5));

                DeadLetter deadLetter = driver.readDeadLetters().get(0);
                assertThat(deadLetter.errorMessage()).contains("error handler 'return-null' returned null");
                assertThat(deadLetter.errorPath()).isEqualTo("root.children[1]");
            }
        }

        @Test
        void inlineRecoversWithHandlerValue() {
            var pipeline = pipeline(HANDLE.formatted("recover", "scribble-then-fail"));

            ObjectNode out = pipeline.process(order(5));

            assertThat(out.path("recovered").asText()).isEqualTo("failed after scribbling");
            assertThat(components.handled.get(0).nodePath()).isEqualTo("root.children[1].child.children[1]");
        }

        @Test
        void inlineHandlerExceptionFailsAtHandleNode() {
            var pipeline = pipeline(HANDLE.formatted("give-up", "scribble-then-fail"));

            assertThatThrownBy(() -> pipeline.process(order(5)))
                    .isInstanceOfSatisfying(PipelineException.class, failure -> {
                        assertThat(failure.nodePath()).isEqualTo("root.children[1]");
                        assertThat(failure.getCause()).isInstanceOf(UnsupportedOperationException.class)
                                .hasCauseInstanceOf(IllegalStateException.class);
                        assertThat(total((ObjectNode) failure.input())).isEqualTo(10.0);
                    });
        }

        @Test
        void missingHandlerIsACompileError() {
            assertThatThrownBy(() -> compile(HANDLE.formatted("nope", "mark")))
                    .isInstanceOf(CompileException.class)
                    .hasMessageContaining("error handler 'nope' is not registered (registered: give-up, recover, rethrow, return-null)");
        }
    }
}
