package io.flume.compiler;

import static io.flume.compiler.TestComponents.order;
import static io.flume.compiler.TestComponents.schema;
import static io.flume.compiler.TestComponents.total;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.runtime.errors.FlumeHeaders;
import io.flume.runtime.errors.UnhandledFailureMode;
import io.flume.runtime.testing.DeadLetter;
import io.flume.runtime.testing.FlumeTestDriver;
import io.flume.schema.Schema;
import io.flume.validation.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TopologyCompilerTest {

    private final TestComponents components = new TestComponents();

    private CompiledTopology<ObjectNode> compile(String yaml) {
        return compile(schema(yaml), CompileOptions.defaults());
    }

    private CompiledTopology<ObjectNode> compile(Schema schema, CompileOptions options) {
        return TopologyCompiler.compile(schema, components.flume, options);
    }

    private static List<Double> totals(List<TestRecord<Object, ObjectNode>> records) {
        return records.stream().map(record -> total(record.value())).toList();
    }

    @Nested
    class LongSequences {

        /**
         * On the DSL, {@code StreamsBuilder.build()} visited a node once per path to it, so 20
         * filters in a row took 2 s and 300 would never finish; the timeout only keeps a
         * regression from hanging the build.
         */
        @Test
        @Timeout(120)
        void threeHundredFiltersInARowCompileAndRouteEveryRecord() {
            StringBuilder yaml = new StringBuilder("type: sequence\nchildren:\n");
            for (int i = 0; i < 300; i++) {
                yaml.append("  - { type: filter, predicate: is-big, then: { ref: double }, else: { ref: mark } }\n");
            }
            yaml.append("  - stream: out\n");
            var compiled = compile(yaml.toString());

            try (var driver = compiled.testDriver()) {
                driver.pipe("big", order(100));
                driver.pipe("small", order(5));

                var out = driver.readStream("out");
                assertThat(out).extracting(TestRecord::key).containsExactly("big", "small");
                assertThat(total(out.get(0).value())).isEqualTo(100 * Math.pow(2, 300));
                assertThat(total(out.get(1).value())).isEqualTo(5.0);
                assertThat(out.get(1).value().path("marked").asBoolean()).isTrue();
                assertThat(components.calls).filteredOn("double"::equals).hasSize(300);
                assertThat(components.calls).filteredOn("mark"::equals).hasSize(300);
                assertThat(driver.readDeadLetters()).isEmpty();
            }
            // source, wrap, a decision and a ref per filter, then the stream's send and sink
            assertThat(compiled.longestPath()).isEqualTo(2 + 2 * 300 + 2);
        }
    }

    @Nested
    class Ref {

        @Test
        void processorOutputReachesStream() {
            var compiled = compile("""
                    type: sequence
                    children:
                      - ref: double
                      - stream: out
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", order(21));

                assertThat(totals(driver.readStream("out"))).containsExactly(42.0);
                assertThat(driver.readDeadLetters()).isEmpty();
            }
        }

        @Test
        void processorSeesRecordContext() {
            var compiled = compile("""
                    type: sequence
                    children:
                      - ref: validate
                      - ref: record-context
                    """);
            try (var driver = compiled.testDriver()) {
                var headers = new RecordHeaders().add("trace", "t-1".getBytes(StandardCharsets.UTF_8));
                driver.pipe("input", "k1", order(5), headers, Instant.ofEpochMilli(1_000));
                driver.pipe("input", "k2", order(6), new RecordHeaders(), Instant.ofEpochMilli(2_000));
            }

            assertThat(components.contexts).containsExactly(
                    "k1|input|0|0|1000|root.children[1]|sequence.record-context|1|t-1",
                    "k2|input|0|1|2000|root.children[1]|sequence.record-context|1|-");
        }

        @Test
        void failureSendsValueAsNodeReceivedItToDeadLetter() {
            var compiled = compile("""
                    type: sequence
                    children:
                      - ref: double
                      - ref: scribble-then-fail
                      - stream: out
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", order(10));

                assertThat(driver.readStream("out")).isEmpty();
                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).hasSize(1);
                DeadLetter deadLetter = deadLetters.get(0);
                ObjectNode value = driver.decode(deadLetter);
                assertThat(total(value)).isEqualTo(20.0);
                assertThat(value.has("scribbled")).as("value as the node received it").isFalse();
                assertThat(deadLetter.key()).isEqualTo("k1");
                assertThat(deadLetter.errorNode()).isEqualTo("sequence.scribble-then-fail");
                assertThat(deadLetter.errorPath()).isEqualTo("root.children[1]");
                assertThat(deadLetter.errorClass()).isEqualTo(IllegalStateException.class.getName());
                assertThat(deadLetter.errorMessage()).isEqualTo("failed after scribbling");
                assertThat(deadLetter.header(FlumeHeaders.ERROR_ATTEMPTS)).isEqualTo("1");
                assertThat(Instant.parse(deadLetter.header(FlumeHeaders.ERROR_TIME))).isBeforeOrEqualTo(Instant.now());
                assertThat(deadLetter.header(FlumeHeaders.SOURCE_TOPIC)).isEqualTo("input");
                assertThat(deadLetter.header(FlumeHeaders.SOURCE_PARTITION)).isEqualTo("0");
                assertThat(deadLetter.header(FlumeHeaders.SOURCE_OFFSET)).isEqualTo("0");
            }
            assertThat(components.flume.cloner()).isNotNull();
        }

        @Test
        void nullResultFailsRecord() {
            var compiled = compile("ref: return-null");
            try (var driver = compiled.testDriver()) {
                driver.pipe("k1", order(1));

                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).hasSize(1);
                assertThat(deadLetters.get(0).errorMessage()).contains("processor 'return-null' returned null");
            }
        }
    }

    @Nested
    class Sequence {

        @Test
        void runsChildrenInOrderAndStopsAtFirstFailure() {
            var compiled = compile("""
                    type: sequence
                    children:
                      - ref: validate
                      - stream: validated
                      - ref: mark
                      - stream: marked
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("good", order(3));
                driver.pipe("bad", order(-1));

                assertThat(driver.readStream("validated")).extracting(TestRecord::key).containsExactly("good");
                var marked = driver.readStream("marked");
                assertThat(marked).extracting(TestRecord::key).containsExactly("good");
                assertThat(marked.get(0).value().path("marked").asBoolean()).isTrue();
                assertThat(driver.readDeadLetters()).extracting(DeadLetter::key).containsExactly("bad");
            }
            assertThat(components.calls).containsExactly("validate", "mark", "validate");
        }
    }

    @Nested
    class Filter {

        private static final String FILTER = """
                type: sequence
                children:
                  - type: filter
                    predicate: is-big
                    then: { stream: big }
                    else: { stream: small }
                  - stream: after
                """;

        @Test
        void routesOnPredicateAndMergesBranches() {
            try (var driver = compile(FILTER).testDriver()) {
                driver.pipe("a", order(500));
                driver.pipe("b", order(5));

                assertThat(driver.readStream("big")).extracting(TestRecord::key).containsExactly("a");
                assertThat(driver.readStream("small")).extracting(TestRecord::key).containsExactly("b");
                assertThat(driver.readStream("after")).extracting(TestRecord::key).containsExactly("a", "b");
            }
        }

        @Test
        void passesThroughWithoutElse() {
            var compiled = compile("""
                    type: sequence
                    children:
                      - type: filter
                        predicate: is-big
                        then: { ref: double }
                      - stream: out
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("a", order(500));
                driver.pipe("b", order(5));

                assertThat(totals(driver.readStream("out"))).containsExactly(1000.0, 5.0);
            }
        }

        @Test
        void throwingPredicateFailsRecordAtFilter() {
            var compiled = compile("""
                    type: sequence
                    children:
                      - type: filter
                        predicate: explode
                        then: { stream: then }
                      - stream: after
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("a", order(1));

                assertThat(driver.readStream("then")).isEmpty();
                assertThat(driver.readStream("after")).isEmpty();
                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).hasSize(1);
                assertThat(deadLetters.get(0).errorPath()).isEqualTo("root.children[0]");
                assertThat(deadLetters.get(0).errorNode()).isEqualTo("sequence.filter-explode");
                assertThat(deadLetters.get(0).errorMessage()).isEqualTo("predicate exploded");
            }
        }

        @Test
        void failureInsideBranchStopsRecord() {
            var compiled = compile("""
                    type: sequence
                    children:
                      - type: filter
                        predicate: is-big
                        then:
                          type: sequence
                          children:
                            - ref: scribble-then-fail
                            - stream: big
                      - stream: after
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("a", order(500));
                driver.pipe("b", order(5));

                assertThat(driver.readStream("big")).isEmpty();
                assertThat(driver.readStream("after")).extracting(TestRecord::key).containsExactly("b");
                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).extracting(DeadLetter::key).containsExactly("a");
                assertThat(deadLetters.get(0).errorPath()).isEqualTo("root.children[0].then.children[0]");
            }
        }
    }

    @Nested
    class Switch {

        private static final String SWITCH = """
                type: sequence
                children:
                  - type: switch
                    condition: tier
                    routes:
                      gold: { stream: gold }
                      silver: { stream: silver }
                    default: { stream: other }
                  - stream: after
                """;

        @Test
        void routesOnConditionValue() {
            try (var driver = compile(SWITCH).testDriver()) {
                driver.pipe("g", order(1, "gold"));
                driver.pipe("s", order(1, "silver"));
                driver.pipe("b", order(1, "bronze"));
                driver.pipe("d", order(1, "default"));

                assertThat(driver.readStream("gold")).extracting(TestRecord::key).containsExactly("g");
                assertThat(driver.readStream("silver")).extracting(TestRecord::key).containsExactly("s");
                assertThat(driver.readStream("other")).extracting(TestRecord::key).containsExactly("b", "d");
                assertThat(driver.readStream("after")).extracting(TestRecord::key).containsExactly("g", "s", "b", "d");
            }
        }

        @Test
        void unmatchedValuePassesThroughWithoutDefault() {
            var compiled = compile("""
                    type: sequence
                    children:
                      - type: switch
                        condition: tier
                        routes:
                          gold: { ref: double }
                      - stream: out
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("g", order(10, "gold"));
                driver.pipe("b", order(10, "bronze"));
                driver.pipe("d", order(10, "default"));

                assertThat(totals(driver.readStream("out"))).containsExactly(20.0, 10.0, 10.0);
            }
        }

        @Test
        void nullConditionValueFailsRecord() {
            var compiled = compile("""
                    type: switch
                    condition: null-condition
                    routes:
                      gold: { stream: gold }
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k", order(1));

                assertThat(driver.readStream("gold")).isEmpty();
                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).hasSize(1);
                assertThat(deadLetters.get(0).errorMessage()).contains("condition 'null-condition' returned null");
                assertThat(deadLetters.get(0).errorPath()).isEqualTo("root");
            }
        }

        @Test
        void failureInsideRouteGoesToDeadLetter() {
            var compiled = compile("""
                    type: switch
                    condition: tier
                    routes:
                      gold: { ref: validate }
                      silver: { stream: silver }
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("g", order(-5, "gold"));
                driver.pipe("s", order(-5, "silver"));

                assertThat(driver.readStream("silver")).extracting(TestRecord::key).containsExactly("s");
                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).extracting(DeadLetter::key).containsExactly("g");
                assertThat(deadLetters.get(0).errorPath()).isEqualTo("root.routes.gold");
                assertThat(deadLetters.get(0).errorNode()).isEqualTo("switch-tier.route-gold.validate");
            }
        }
    }

    @Nested
    class Concurrent {

        @Test
        void childrenRunOnCopiesAndRecordContinuesUnchanged() {
            var compiled = compile("""
                    type: sequence
                    children:
                      - type: concurrent
                        children:
                          - type: sequence
                            children: [ { ref: double }, { stream: doubled } ]
                          - type: sequence
                            children: [ { ref: mark }, { stream: marked } ]
                      - stream: after
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k", order(7));

                assertThat(totals(driver.readStream("doubled"))).containsExactly(14.0);
                var marked = driver.readStream("marked");
                assertThat(totals(marked)).as("sibling sees the original total").containsExactly(7.0);
                var after = driver.readStream("after");
                assertThat(totals(after)).containsExactly(7.0);
                assertThat(after.get(0).value().has("marked")).isFalse();
            }
        }

        @Test
        void childFailureGoesToDeadLetterOnItsOwn() {
            var compiled = compile("""
                    type: sequence
                    children:
                      - type: concurrent
                        children:
                          - ref: scribble-then-fail
                          - stream: copy
                      - stream: after
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k", order(7));

                assertThat(driver.readStream("copy")).hasSize(1);
                assertThat(driver.readStream("after")).hasSize(1);
                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).hasSize(1);
                assertThat(deadLetters.get(0).errorPath()).isEqualTo("root.children[0].children[0]");
                assertThat(driver.decode(deadLetters.get(0)).has("scribbled")).isFalse();
            }
        }

        @Test
        void failedRecordRunsNoChildren() {
            var compiled = compile("""
                    type: sequence
                    children:
                      - ref: validate
                      - type: concurrent
                        children:
                          - stream: copy
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k", order(-1));

                assertThat(driver.readStream("copy")).isEmpty();
                assertThat(driver.readDeadLetters()).hasSize(1);
            }
        }

        @Test
        void childHeaderChangesStayOnTheirLine() {
            components.flume.addProcessor("tag", (ctx, order) -> {
                ctx.headers().add("tagged", new byte[] {1});
                return order;
            });
            var compiled = compile("""
                    type: sequence
                    children:
                      - type: concurrent
                        children:
                          - type: sequence
                            children: [ { ref: tag }, { stream: tagged } ]
                      - stream: after
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k", order(1));

                assertThat(driver.readStream("tagged").get(0).headers().lastHeader("tagged")).isNotNull();
                assertThat(driver.readStream("after").get(0).headers().lastHeader("tagged")).isNull();
            }
        }
    }

    @Nested
    class Scaffold {

        @Test
        void childFailureIsCountedButNeverFailsRecord() {
            var compiled = compile("""
                    type: sequence
                    children:
                      - type: scaffold
                        children:
                          - ref: scribble-then-fail
                          - type: sequence
                            children: [ { ref: double }, { stream: side } ]
                      - stream: after
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k", order(4));

                assertThat(totals(driver.readStream("side"))).containsExactly(8.0);
                assertThat(totals(driver.readStream("after"))).containsExactly(4.0);
                assertThat(driver.readDeadLetters()).isEmpty();
            }
            assertThat(compiled.metrics().scaffoldFailures()).isEqualTo(1);
        }
    }

    @Nested
    class Stream {

        @Test
        void continuesWithChildAfterSending() {
            var compiled = compile("""
                    type: sequence
                    children:
                      - stream: audit
                        child: { ref: double }
                      - stream: out
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k", order(3));

                assertThat(totals(driver.readStream("audit"))).containsExactly(3.0);
                assertThat(totals(driver.readStream("out"))).containsExactly(6.0);
            }
        }

        @Test
        void continuesWithChildrenAsSequence() {
            var compiled = compile("""
                    stream: audit
                    children:
                      - ref: double
                      - ref: mark
                      - stream: out
                    """);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k", order(3));

                assertThat(totals(driver.readStream("audit"))).containsExactly(3.0);
                var out = driver.readStream("out");
                assertThat(totals(out)).containsExactly(6.0);
                assertThat(out.get(0).value().path("marked").asBoolean()).isTrue();
            }
        }

        @Test
        void writesToConfiguredTopic() {
            var options = CompileOptions.builder().streamTopic("alerts", "quake.alerts").build();
            var compiled = compile(schema("stream: alerts"), options);

            assertThat(compiled.streamTopics()).containsEntry("alerts", "quake.alerts");
            assertThat(compiled.describe()).contains("topic: quake.alerts");
            try (var driver = compiled.testDriver()) {
                driver.pipe("k", order(3));

                assertThat(driver.readStream("alerts")).hasSize(1);
            }
        }

        @Test
        void directChannelReceivesCopyAndFailsRecordWhenFull() throws InterruptedException {
            var compiled = compile("""
                    stream: fast
                    stream_timeout: 20ms
                    """);
            assertThat(compiled.directChannels()).containsKey("fast");
            assertThat(compiled.streamTopics()).doesNotContainKey("fast");
            try (var driver = compiled.testDriver()) {
                driver.pipe("first", order(1));
                driver.pipe("second", order(2));

                assertThat(components.direct.depth()).isEqualTo(1);
                assertThat(total(components.direct.take())).isEqualTo(1.0);
                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).extracting(DeadLetter::key).containsExactly("second");
                assertThat(deadLetters.get(0).errorMessage()).contains("channel 'fast' stayed full (capacity 1)")
                        .contains("20 ms");
            }
        }
    }

    @Nested
    class Failures {

        @Test
        void undecodableRecordGoesToDeadLetterWithItsBytes() {
            try (var driver = compile("stream: out").testDriver()) {
                driver.pipeRaw("input", "k".getBytes(StandardCharsets.UTF_8), "{not json".getBytes(StandardCharsets.UTF_8));
                driver.pipeRaw("input", "k2".getBytes(StandardCharsets.UTF_8), "[1, 2]".getBytes(StandardCharsets.UTF_8));
                driver.pipe("k3", order(1));

                assertThat(driver.readStream("out")).extracting(TestRecord::key).containsExactly("k3");
                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).extracting(DeadLetter::valueText).containsExactly("{not json", "[1, 2]");
                assertThat(deadLetters.get(0).errorNode()).isEqualTo("flume.source");
                assertThat(deadLetters.get(1).errorMessage()).contains("expected a JSON value of type ObjectNode")
                        .contains("a JSON array");
            }
        }

        @Test
        void nullValueGoesToDeadLetter() {
            try (var driver = compile("stream: out").testDriver()) {
                driver.pipe("tombstone", null);

                assertThat(driver.readStream("out")).isEmpty();
                List<DeadLetter> deadLetters = driver.readDeadLetters();
                assertThat(deadLetters).extracting(DeadLetter::key).containsExactly("tombstone");
                assertThat(deadLetters.get(0).errorMessage()).contains("null value");
            }
        }

        @Test
        void logModeCountsWithoutDeadLetter() {
            var options = CompileOptions.builder().onUnhandled(UnhandledFailureMode.LOG).build();
            var compiled = compile(schema("ref: validate"), options);
            try (var driver = compiled.testDriver()) {
                driver.pipe("k", order(-1));

                assertThat(driver.readDeadLetters()).isEmpty();
            }
            assertThat(compiled.metrics().unhandledLogged()).isEqualTo(1);
        }

        @Test
        void failModeStopsProcessing() {
            var options = CompileOptions.builder().onUnhandled(UnhandledFailureMode.FAIL).build();
            var compiled = compile(schema("ref: validate"), options);
            try (FlumeTestDriver<ObjectNode> driver = compiled.testDriver()) {
                assertThatThrownBy(() -> driver.pipe("k", order(-1)))
                        .hasStackTraceContaining("errors.on-unhandled is 'fail'")
                        .hasStackTraceContaining("root (validate)");
            }
        }

        @Test
        void deadLetterCountsEveryFailure() {
            var compiled = compile("ref: validate");
            try (var driver = compiled.testDriver()) {
                driver.pipe("a", order(-1));
                driver.pipe("b", order(1));
                driver.pipeRaw("input", null, "nope".getBytes(StandardCharsets.UTF_8));

                assertThat(driver.readDeadLetters()).hasSize(2);
            }
            assertThat(compiled.metrics().deadLettered()).isEqualTo(2);
            assertThat(compiled.metrics().deserializationFailures()).isEqualTo(1);
            assertThat(compiled.metrics().node("validate", "root").failed()).isEqualTo(1);
        }
    }

    @Nested
    class Naming {

        private static final String SCHEMA = """
                type: sequence
                children:
                  - ref: validate
                  - type: filter
                    predicate: is-big
                    then: { stream: big }
                  - ref: validate
                  - name: audit-copy
                    stream: audit
                """;

        @Test
        void everyProcessorHasAnExplicitName() {
            String description = compile(SCHEMA).describe();

            assertThat(description).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
            assertThat(description).contains("Processor: sequence.validate ", "Processor: sequence.validate-2 ",
                    "Processor: sequence.filter-is-big.decide", "Sink: sequence.filter-is-big.then.stream-big.sink",
                    "Processor: audit-copy.send", "Sink: audit-copy.sink");
        }

        @Test
        void filterDecisionForwardsToItsBranchAndToTheNextNode() {
            TopologyDescription description = compile(SCHEMA).topology().describe();

            // No split or merge processors: the decision routes to named children, and the node
            // after the filter has both lines as parents.
            assertThat(successors(description, "sequence.filter-is-big.decide"))
                    .containsExactly("sequence.filter-is-big.then.stream-big.send", "sequence.validate-2");
            assertThat(predecessors(description, "sequence.validate-2")).containsExactly("sequence.filter-is-big.decide");
            assertThat(description.toString()).doesNotContain("branch-", "merge-");
        }

        private static List<String> successors(TopologyDescription description, String name) {
            return node(description, name).successors().stream().map(TopologyDescription.Node::name).toList();
        }

        private static List<String> predecessors(TopologyDescription description, String name) {
            return node(description, name).predecessors().stream().map(TopologyDescription.Node::name).toList();
        }

        private static TopologyDescription.Node node(TopologyDescription description, String name) {
            return description.subtopologies().stream().flatMap(subtopology -> subtopology.nodes().stream())
                    .filter(node -> node.name().equals(name)).findFirst().orElseThrow();
        }

        @Test
        void namesAreStableAcrossCompilations() {
            assertThat(compile(SCHEMA).describe()).isEqualTo(compile(SCHEMA).describe());
        }

        @Test
        void addingABranchElsewhereRenamesNothing() {
            var before = compile(SCHEMA).nodeNames();
            var after = compile(SCHEMA + """
                      - type: filter
                        predicate: is-big
                        then: { stream: more }
                    """).nodeNames();

            assertThat(after).containsAllEntriesOf(before);
        }
    }

    @Test
    void unknownKindIsRejectedByValidation() {
        Schema schema = schema("""
                type: sequence
                children:
                  - type: worker-pool
                    children: [ { ref: validate } ]
                  - type: racer
                    children: [ { ref: mark } ]
                """);

        assertThatThrownBy(() -> components.flume.compile(schema))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("root.children[1]: unknown type 'racer'")
                .hasMessageContaining("did you mean 'race'?")
                .hasMessageNotContaining("root.children[0]");
    }
}
