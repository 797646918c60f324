package io.flume.compiler;

import static io.flume.compiler.TestComponents.order;
import static io.flume.compiler.TestComponents.schema;
import static io.flume.compiler.TestComponents.total;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Pipeline;
import io.flume.PipelineException;
import io.flume.PipelineResult;
import io.flume.runtime.envelope.NodeFailure;
import org.junit.jupiter.api.Test;

class InlineCompilerTest {

    private final TestComponents components = new TestComponents();

    private Pipeline<ObjectNode> pipeline(String yaml) {
        return InlineCompiler.compile(schema(yaml), components.flume, CompileOptions.defaults());
    }

    @Test
    void processReturnsRootOutput() {
        var pipeline = pipeline("""
                type: sequence
                children:
                  - ref: validate
                  - ref: double
                  - ref: mark
                """);

        ObjectNode result = pipeline.process(order(4));

        assertThat(total(result)).isEqualTo(8.0);
        assertThat(result.path("marked").asBoolean()).isTrue();
        assertThat(components.calls).containsExactly("validate", "double", "mark");
    }

    @Test
    void processThrowsFailureWithNodePathAndInput() {
        var pipeline = pipeline("""
                type: sequence
                children:
                  - ref: double
                  - ref: scribble-then-fail
                  - ref: mark
                """);

        assertThatThrownBy(() -> pipeline.process(order(5)))
                .isInstanceOfSatisfying(PipelineException.class, failure -> {
                    assertThat(failure.nodePath()).isEqualTo("root.children[1]");
                    assertThat(failure.nodeName()).isEqualTo("sequence.scribble-then-fail");
                    assertThat(total((ObjectNode) failure.input())).isEqualTo(10.0);
                    assertThat(((ObjectNode) failure.input()).has("scribbled")).isFalse();
                    assertThat(failure).hasMessage("root.children[1] (sequence.scribble-then-fail) failed: failed after scribbling");
                    assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class);
                });
        assertThat(components.calls).doesNotContain("mark");
    }

    @Test
    void processorSeesKeyNodePathAndFirstAttempt() {
        var pipeline = pipeline("ref: record-context");

        pipeline.process("k9", order(1));

        assertThat(components.contexts).hasSize(1);
        assertThat(components.contexts.get(0)).startsWith("k9|null|-1|-1|").endsWith("|root|record-context|1|-");
    }

    @Test
    void filterRoutesAndPassesThroughWithoutElse() {
        var pipeline = pipeline("""
                type: filter
                predicate: is-big
                then: { ref: double }
                """);

        assertThat(total(pipeline.process(order(100)))).isEqualTo(200.0);
        assertThat(total(pipeline.process(order(10)))).isEqualTo(10.0);
    }

    @Test
    void filterPredicateFailureNamesFilter() {
        var pipeline = pipeline("""
                type: filter
                predicate: explode
                then: { ref: double }
                """);

        assertThatThrownBy(() -> pipeline.process(order(1)))
                .isInstanceOfSatisfying(PipelineException.class, failure -> assertThat(failure.nodePath()).isEqualTo("root"))
                .hasMessageContaining("predicate exploded");
    }

    @Test
    void switchRoutesDefaultAndPassThrough() {
        var withDefault = pipeline("""
                type: switch
                condition: tier
                routes:
                  gold: { ref: double }
                default: { ref: mark }
                """);
        var withoutDefault = pipeline("""
                type: switch
                condition: tier
                routes:
                  gold: { ref: double }
                """);

        assertThat(total(withDefault.process(order(3, "gold")))).isEqualTo(6.0);
        assertThat(withDefault.process(order(3, "bronze")).path("marked").asBoolean()).isTrue();
        assertThat(withDefault.process(order(3, "default")).path("marked").asBoolean()).isTrue();
        ObjectNode passed = withoutDefault.process(order(3, "bronze"));
        assertThat(total(passed)).isEqualTo(3.0);
        assertThat(passed.has("marked")).isFalse();
    }

    @Test
    void streamSendsAreCollectedInOrder() {
        var pipeline = pipeline("""
                type: sequence
                children:
                  - stream: audit
                    child: { ref: double }
                  - type: filter
                    predicate: is-big
                    then: { stream: big }
                    else: { stream: small }
                """);

        PipelineResult<ObjectNode> result = pipeline.run("k", order(60));

        assertThat(result.isFailed()).isFalse();
        assertThat(result.sends()).containsOnlyKeys("audit", "big");
        assertThat(total(result.sentTo("audit").get(0))).isEqualTo(60.0);
        assertThat(total(result.sentTo("big").get(0))).isEqualTo(120.0);
        assertThat(result.sentTo("small")).isEmpty();
    }

    @Test
    void concurrentRunsChildrenOnCopiesAndReportsChildFailures() {
        var pipeline = pipeline("""
                type: concurrent
                children:
                  - type: sequence
                    children: [ { ref: double }, { stream: doubled } ]
                  - ref: scribble-then-fail
                  - stream: copy
                """);

        PipelineResult<ObjectNode> result = pipeline.run(null, order(5));

        assertThat(result.isFailed()).isFalse();
        assertThat(total(result.value())).isEqualTo(5.0);
        assertThat(result.value().has("scribbled")).isFalse();
        assertThat(total(result.sentTo("doubled").get(0))).isEqualTo(10.0);
        assertThat(total(result.sentTo("copy").get(0))).isEqualTo(5.0);
        assertThat(result.childFailures()).extracting(NodeFailure::nodePath).containsExactly("root.children[1]");
        assertThat(result.deadLetters()).hasSize(1);
    }

    @Test
    void scaffoldFailuresNeverFailRecord() {
        var pipeline = pipeline("""
                type: scaffold
                children:
                  - ref: scribble-then-fail
                  - ref: double
                """);

        PipelineResult<ObjectNode> result = pipeline.run(null, order(5));

        assertThat(result.isFailed()).isFalse();
        assertThat(total(result.value())).isEqualTo(5.0);
        assertThat(result.scaffoldFailures()).hasSize(1);
        assertThat(result.deadLetters()).isEmpty();
    }

    @Test
    void directChannelTimeoutFailsRecord() throws InterruptedException {
        var pipeline = pipeline("""
                stream: fast
                stream_timeout: 10ms
                """);

        pipeline.process(order(1));

        assertThatThrownBy(() -> pipeline.process(order(2)))
                .isInstanceOf(PipelineException.class)
                .hasMessageContaining("channel 'fast' stayed full (capacity 1)");
        assertThat(total(components.direct.take())).isEqualTo(1.0);
    }

    @Test
    void sameSchemaGivesSameResultInBothBackEnds() {
        String yaml = """
                type: sequence
                children:
                  - ref: validate
                  - type: switch
                    condition: tier
                    routes:
                      gold: { ref: double }
                  - stream: out
                """;
        var pipeline = pipeline(yaml);
        var compiled = TopologyCompiler.compile(schema(yaml), components.flume, CompileOptions.defaults());

        try (var driver = compiled.testDriver()) {
            for (ObjectNode input : new ObjectNode[] {order(3, "gold"), order(4, "silver"), order(-1, "gold")}) {
                PipelineResult<ObjectNode> inline = pipeline.run("k", input.deepCopy());
                driver.pipe("k", input.deepCopy());
                var sent = driver.readStream("out");
                var deadLetters = driver.readDeadLetters();

                assertThat(sent.stream().map(record -> record.value()).toList()).isEqualTo(inline.sentTo("out"));
                assertThat(deadLetters).hasSize(inline.deadLetters().size());
            }
        }
    }
}
