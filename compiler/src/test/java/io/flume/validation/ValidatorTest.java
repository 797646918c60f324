package io.flume.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flume.Flume;
import io.flume.schema.Node;
import io.flume.schema.NodeType;
import io.flume.schema.Schema;
import io.flume.schema.SchemaParser;
import io.flume.schema.SourcePosition;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValidatorTest {

    private static final Flume<String> COMPONENTS = Flume.builder(String.class)
            .processor("enrich", (context, value) -> value)
            .processor("notice", (context, value) -> value)
            .processor("validate", (context, value) -> value)
            .predicate("is-premium", value -> true)
            .condition("priority", List.of("high", "low"), value -> "high")
            .condition("region", value -> "eu")
            .reducer("merge", (original, results, errors) -> original)
            .errorHandler("recover", failure -> failure.value())
            .build();

    /** The components above, with the streams an application config would declare. */
    private static final ComponentCatalog CATALOG = ComponentCatalog.withDeclaredStreams(COMPONENTS, Set.of("alerts", "audit"));

    private final Validator validator = new Validator();

    private List<String> problems(String schemaText) {
        Schema schema = SchemaParser.parse(schemaText);
        String formatted = validator.validate(schema, CATALOG).format();
        return formatted.isEmpty() ? List.of() : Arrays.asList(formatted.split("\n"));
    }

    static Stream<Arguments> invalidSchemas() {
        return Stream.of(
                Arguments.of("node without ref, type or stream", """
                        type: sequence
                        children:
                          - name: lonely
                        """, List.of(
                        "<inline>:3:5: root.children[0]: node has no 'ref', 'type' or 'stream'; add 'ref: PROCESSOR'"
                                + " to run a processor, 'type: TYPE' for a connector, or 'stream: NAME' to send to a stream")),
                Arguments.of("node with ref and type", """
                        type: sequence
                        children:
                          - ref: validate
                            type: sequence
                        """, List.of(
                        "<inline>:3:5: root.children[0]: node has both 'ref' and 'type'; keep exactly one of them")),
                Arguments.of("node with ref, type and stream", "ref: validate\ntype: race\nstream: alerts\n", List.of(
                        "<inline>:1:1: root: node has 'ref', 'type' and 'stream'; keep exactly one of them")),
                Arguments.of("empty ref", "ref: \"\"\n", List.of(
                        "<inline>:1:6: root: 'ref' is empty; name a registered processor")),
                Arguments.of("misspelt type", """
                        type: sequense
                        children:
                          - ref: validate
                        """, List.of(
                        "<inline>:1:7: root: unknown type 'sequense' (did you mean 'sequence'?)")),
                Arguments.of("unknown type", "type: banana\n", List.of(
                        "<inline>:1:7: root: unknown type 'banana' (known types: sequence, scaffold, concurrent, race,"
                                + " contest, worker-pool, fallback, retry, timeout, circuit-breaker, rate-limit, filter,"
                                + " switch, handle)")),
                Arguments.of("empty type", "type: \"\"\n", List.of(
                        "<inline>:1:7: root: 'type' is empty; set it to one of: sequence, scaffold, concurrent, race,"
                                + " contest, worker-pool, fallback, retry, timeout, circuit-breaker, rate-limit, filter,"
                                + " switch, handle")),
                Arguments.of("stream written as a type", "type: stream\n", List.of(
                        "<inline>:1:7: root: unknown type 'stream'; a stream node is written 'stream: NAME' without 'type'")),
                Arguments.of("misspelt field", """
                        type: sequence
                        chidlren:
                          - ref: validate
                        """, List.of(
                        "<inline>:1:1: root: sequence needs 'children' with at least 1 node",
                        "<inline>:2:1: root: unknown field 'chidlren' for sequence (did you mean 'children'?)")),
                Arguments.of("unknown field", "ref: validate\ncolour: blue\n", List.of(
                        "<inline>:2:1: root: unknown field 'colour' for ref (allowed: name)")),
                Arguments.of("field of another type", """
                        type: sequence
                        attempts: 3
                        children:
                          - ref: validate
                        """, List.of(
                        "<inline>:2:1: root: field 'attempts' is not allowed for sequence (allowed: children, name); remove it")),
                Arguments.of("version below the top", """
                        type: sequence
                        children:
                          - ref: validate
                            version: "2"
                        """, List.of(
                        "<inline>:4:5: root.children[0]: unknown field 'version' for ref; 'version' is allowed only at"
                                + " the top of the schema")),
                Arguments.of("missing children", "type: race\n", List.of(
                        "<inline>:1:1: root: race needs 'children' with at least 1 node")),
                Arguments.of("empty children", "type: concurrent\nchildren: []\n", List.of(
                        "<inline>:2:11: root: concurrent needs at least 1 node in 'children', got none")),
                Arguments.of("fallback with three children", """
                        type: fallback
                        children:
                          - ref: validate
                          - ref: enrich
                          - ref: notice
                        """, List.of(
                        "<inline>:3:3: root: fallback needs exactly 2 children, the primary and the fallback, got 3")),
                Arguments.of("fallback without children", "type: fallback\n", List.of(
                        "<inline>:1:1: root: fallback needs 'children' with exactly 2 nodes, the primary and the fallback")),
                Arguments.of("single-child types without child", """
                        type: sequence
                        children:
                          - type: retry
                          - type: timeout
                          - type: circuit-breaker
                          - type: rate-limit
                          - type: handle
                            error_handler: recover
                        """, List.of(
                        "<inline>:3:5: root.children[0]: retry needs a 'child' node",
                        "<inline>:4:5: root.children[1]: timeout needs a 'child' node",
                        "<inline>:5:5: root.children[2]: circuit-breaker needs a 'child' node",
                        "<inline>:6:5: root.children[3]: rate-limit needs a 'child' node",
                        "<inline>:7:5: root.children[4]: handle needs a 'child' node")),
                Arguments.of("empty child", "type: retry\nchild:\n", List.of(
                        "<inline>:2:7: root: 'child' is empty; give retry a node there, such as 'ref: PROCESSOR'")),
                Arguments.of("filter without predicate and then", "type: filter\nelse:\n  ref: validate\n", List.of(
                        "<inline>:1:1: root: filter needs 'predicate', the name of a registered predicate",
                        "<inline>:1:1: root: filter needs a 'then' node")),
                Arguments.of("switch without condition and routes", "type: switch\n", List.of(
                        "<inline>:1:1: root: switch needs 'condition', the name of a registered condition",
                        "<inline>:1:1: root: switch needs 'routes' with at least 1 route")),
                Arguments.of("switch with empty routes", "type: switch\ncondition: priority\nroutes: {}\n", List.of(
                        "<inline>:3:9: root: switch needs at least 1 route in 'routes', got none")),
                Arguments.of("contest without predicate", "type: contest\nchildren:\n  - ref: validate\n", List.of(
                        "<inline>:1:1: root: contest needs 'predicate', the name of a registered predicate")),
                Arguments.of("handle without error handler", "type: handle\nchild:\n  ref: validate\n", List.of(
                        "<inline>:1:1: root: handle needs 'error_handler', the name of a registered error handler")),
                Arguments.of("stream with child and children", """
                        stream: alerts
                        child:
                          ref: validate
                        children:
                          - ref: enrich
                        """, List.of(
                        "<inline>:4:1: root: stream node has both 'child' and 'children'; keep one of them"
                                + " ('children' run as a sequence)")),
                Arguments.of("durations that are not positive or do not parse", """
                        type: sequence
                        children:
                          - type: retry
                            name: charge-retry
                            backoff: -5s
                            child: {ref: validate}
                          - type: timeout
                            duration: 0
                            child: {ref: validate}
                          - type: circuit-breaker
                            recovery_timeout: 10 seconds
                            child: {ref: validate}
                          - stream: alerts
                            stream_timeout: 0s
                        """, List.of(
                        "<inline>:5:14: root.children[0]: backoff must be a positive duration, got '-5s';"
                                + " write one such as '100ms' or '1.5s'",
                        "<inline>:8:15: root.children[1]: duration must be a positive duration, got '0s';"
                                + " write one such as '100ms' or '1.5s'",
                        "<inline>:11:23: root.children[2]: recovery_timeout '10 seconds' is not a valid Go duration:"
                                + " unknown unit ' seconds' (valid units: ns, us, µs, ms, s, m, h)",
                        "<inline>:14:21: root.children[3]: stream_timeout must be a positive duration, got '0s';"
                                + " write one such as '100ms' or '1.5s'")),
                Arguments.of("counts and rates that are not positive", """
                        type: sequence
                        children:
                          - type: retry
                            attempts: 0
                            child: {ref: validate}
                          - type: worker-pool
                            workers: -2
                            children: [{ref: validate}]
                          - type: circuit-breaker
                            failure_threshold: 0
                            child: {ref: validate}
                          - type: rate-limit
                            requests_per_second: 0
                            burst_size: 0
                            child: {ref: validate}
                          - type: rate-limit
                            requests_per_second: -.inf
                            child: {ref: validate}
                        """, List.of(
                        "<inline>:4:15: root.children[0]: attempts must be at least 1 (it counts every run, the first"
                                + " included), got 0",
                        "<inline>:7:14: root.children[1]: workers must be at least 1, got -2",
                        "<inline>:10:24: root.children[2]: failure_threshold must be at least 1, got 0",
                        "<inline>:13:26: root.children[3]: requests_per_second must be a positive finite number, got 0",
                        "<inline>:14:17: root.children[3]: burst_size must be at least 1, got 0",
                        "<inline>:17:26: root.children[4]: requests_per_second must be a positive finite number,"
                                + " got -Infinity")),
                Arguments.of("values of the wrong shape", """
                        type: sequence
                        children:
                          - validate
                          - type: retry
                            attempts: three
                            child: {ref: validate}
                        """, List.of(
                        "<inline>:3:5: root.children[0]: expected a node (a mapping with 'ref', 'type' or 'stream'),"
                                + " got the string 'validate'; to run the processor 'validate', write 'ref: validate'",
                        "<inline>:5:15: root.children[1]: attempts must be a whole number, got the string 'three'")),
                Arguments.of("children that are not a list", "type: sequence\nchildren: validate\n", List.of(
                        "<inline>:2:11: root: children must be a list of nodes, got the string 'validate'")),
                Arguments.of("components that are not registered", """
                        type: sequence
                        children:
                          - ref: notify
                          - ref: charge
                          - type: filter
                            predicate: is-premum
                            then: {ref: validate}
                          - type: switch
                            condition: prio
                            routes:
                              high: {ref: validate}
                          - type: concurrent
                            name: fan-out
                            reducer: combine
                            children: [{ref: enrich}]
                          - type: handle
                            error_handler: rescue
                            child: {ref: validate}
                          - type: contest
                            predicate: fast-enough
                            children: [{ref: validate}]
                        """, List.of(
                        "<inline>:3:10: root.children[0]: processor 'notify' is not registered"
                                + " (registered: enrich, notice, validate) (did you mean 'notice'?)",
                        "<inline>:4:10: root.children[1]: processor 'charge' is not registered"
                                + " (registered: enrich, notice, validate)",
                        "<inline>:6:16: root.children[2]: predicate 'is-premum' is not registered"
                                + " (registered: is-premium) (did you mean 'is-premium'?)",
                        "<inline>:9:16: root.children[3]: condition 'prio' is not registered"
                                + " (registered: priority, region)",
                        "<inline>:14:14: root.children[4]: reducer 'combine' is not registered (registered: merge)",
                        "<inline>:17:20: root.children[5]: error handler 'rescue' is not registered"
                                + " (registered: recover)",
                        "<inline>:20:16: root.children[6]: predicate 'fast-enough' is not registered"
                                + " (registered: is-premium)")),
                Arguments.of("streams that are not declared", """
                        type: sequence
                        children:
                          - stream: alrts
                          - stream: metrics
                        """, List.of(
                        "<inline>:3:13: root.children[0]: stream 'alrts' is not declared (declared: alerts, audit)"
                                + " (did you mean 'alerts'?)",
                        "<inline>:4:13: root.children[1]: stream 'metrics' is not declared (declared: alerts, audit);"
                                + " add it to the application config's 'streams' or register a channel named 'metrics'")),
                Arguments.of("names that Kafka rejects or that repeat", """
                        type: sequence
                        name: main
                        children:
                          - ref: validate
                            name: step
                          - ref: enrich
                            name: step
                          - ref: notice
                            name: "bad name!"
                          - ref: validate
                            name: ""
                          - ref: validate
                            name: "orders:v2"
                        """, List.of(
                        "<inline>:7:11: root.children[1]: name 'step' is already used by root.children[0] at line 5,"
                                + " column 11; names must be unique because they become Kafka Streams processor names,"
                                + " so rename one of them",
                        "<inline>:9:11: root.children[2]: name 'bad name!' contains characters Kafka does not allow"
                                + " in names (' ', '!'); use only letters, digits, '.', '_', '-' and ':'",
                        "<inline>:11:11: root.children[3]: 'name' is empty; give the node a name or remove the field")),
                Arguments.of("name longer than Kafka allows", "ref: validate\nname: " + "x".repeat(250) + "\n", List.of(
                        "<inline>:2:7: root: name '" + "x".repeat(40) + "...' is 250 characters long;"
                                + " Kafka allows at most 249, so shorten it")),
                Arguments.of("stream names that are not topic names", """
                        type: sequence
                        children:
                          - stream: "orders high!"
                          - stream: orders/eu
                          - stream: "."
                          - stream: ".."
                          - stream: "café"
                        """, List.of(
                        "<inline>:3:13: root.children[0]: stream 'orders high!' contains characters Kafka does not allow"
                                + " in topic names (' ', '!'); rename it using only letters, digits, '.', '_' and '-',"
                                + " such as 'orders-high-'",
                        "<inline>:4:13: root.children[1]: stream 'orders/eu' contains characters Kafka does not allow"
                                + " in topic names ('/'); rename it using only letters, digits, '.', '_' and '-',"
                                + " such as 'orders-eu'",
                        "<inline>:5:13: root.children[2]: stream '.' is not a legal Kafka topic name, because Kafka"
                                + " reserves '.' and '..'; rename the stream, using letters, digits, '.', '_' and '-'",
                        "<inline>:6:13: root.children[3]: stream '..' is not a legal Kafka topic name, because Kafka"
                                + " reserves '.' and '..'; rename the stream, using letters, digits, '.', '_' and '-'",
                        "<inline>:7:13: root.children[4]: stream 'café' contains characters Kafka does not allow"
                                + " in topic names ('é'); rename it using only letters, digits, '.', '_' and '-',"
                                + " such as 'caf-'")),
                Arguments.of("stream name longer than a topic name", "stream: " + "s".repeat(250) + "\n", List.of(
                        "<inline>:1:9: root: stream '" + "s".repeat(40) + "...' is 250 characters long, but Kafka"
                                + " topic names have at most 249 characters; shorten it")),
                Arguments.of("route named default beside a default", """
                        type: switch
                        condition: region
                        routes:
                          default: {ref: validate}
                        default: {ref: enrich}
                        """, List.of(
                        "<inline>:4:12: root.routes.default: the route 'default' conflicts with the switch's"
                                + " 'default' field, which a condition returning \"default\" also takes;"
                                + " rename the route or remove one of them")),
                Arguments.of("json with an unregistered processor and a zero count", """
                        {
                          "type": "sequence",
                          "children": [
                            {"ref": "notify"},
                            {"type": "retry", "attempts": 0, "child": {"ref": "validate"}}
                          ]
                        }
                        """, List.of(
                        "<inline>:4:13: root.children[0]: processor 'notify' is not registered"
                                + " (registered: enrich, notice, validate) (did you mean 'notice'?)",
                        "<inline>:5:35: root.children[1]: attempts must be at least 1 (it counts every run, the first"
                                + " included), got 0")),
                Arguments.of("json with a misspelt field",
                        "{\"type\": \"filter\", \"predicate\": \"is-premium\", \"than\": {\"ref\": \"validate\"}}", List.of(
                        "<inline>:1:1: root: filter needs a 'then' node",
                        "<inline>:1:47: root: unknown field 'than' for filter (did you mean 'then'?)")),
                Arguments.of("json with children that are not a list",
                        "{\"type\": \"race\", \"children\": {\"ref\": \"validate\"}}", List.of(
                        "<inline>:1:30: root: children must be a list of nodes, got a mapping")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSchemas")
    void reportsEveryErrorWithPositionAndPath(String description, String schema, List<String> expected) {
        assertThat(problems(schema)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> warnedSchemas() {
        return Stream.of(
                Arguments.of("route that the condition does not declare", """
                        type: switch
                        condition: priority
                        routes:
                          high: {ref: validate}
                          hgh: {ref: enrich}
                          medium: {ref: notice}
                        """, List.of(
                        "<inline>:5:8: root.routes.hgh: warning: route 'hgh' is not among the values condition"
                                + " 'priority' declares (high, low), so it may never be taken (did you mean 'high'?)",
                        "<inline>:6:11: root.routes.medium: warning: route 'medium' is not among the values condition"
                                + " 'priority' declares (high, low), so it may never be taken; rename the route or"
                                + " declare the value on the condition")),
                Arguments.of("stateful nodes without a name", """
                        type: sequence
                        children:
                          - type: retry
                            backoff: 1s
                            child: {ref: validate}
                          - type: concurrent
                            reducer: merge
                            children: [{ref: enrich}]
                        """, List.of(
                        "<inline>:3:5: root.children[0]: warning: retry with backoff has no 'name', so its state store"
                                + " and retry topic are named after its place in the schema; moving it or renaming an"
                                + " ancestor later loses their state, so give it a name",
                        "<inline>:6:5: root.children[1]: warning: concurrent with a reducer has no 'name', so its"
                                + " gather store is named after its place in the schema; moving it or renaming an"
                                + " ancestor later loses its state, so give it a name")),
                Arguments.of("retry with backoff inside a timeout", """
                        type: timeout
                        duration: 5s
                        child:
                          type: sequence
                          children:
                            - type: retry
                              backoff: 100ms
                              child: {ref: validate}
                        """, List.of(
                        "<inline>:6:7: root.child.children[0]: warning: retry with backoff inside the timeout at root"
                                + " runs inline, so it waits out each backoff in place and blocks the stream thread;"
                                + " move the retry outside the timeout or remove the backoff")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("warnedSchemas")
    void warningsDoNotMakeTheSchemaInvalid(String description, String schema, List<String> expected) {
        ValidationReport report = validator.validate(SchemaParser.parse(schema), CATALOG);

        assertThat(report.warnings()).extracting(Problem::toString).containsExactlyElementsOf(expected);
        assertThat(report.errors()).isEmpty();
        assertThat(report.isValid()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"race", "contest", "worker-pool", "circuit-breaker", "rate-limit"})
    void blockingRetryWarnsInEveryInlineType(String type) {
        String schema = """
                type: %s
                predicate: is-premium
                children:
                  - type: retry
                    backoff: 1s
                    child: {ref: validate}
                """.formatted(type);
        if (!type.equals("contest")) {
            schema = schema.replace("predicate: is-premium\n", "");
        }
        if (type.equals("circuit-breaker") || type.equals("rate-limit")) {
            schema = schema.replace("children:\n  - type", "child:\n    type");
        }

        ValidationReport report = validator.validate(SchemaParser.parse(schema), CATALOG);

        assertThat(report.errors()).isEmpty();
        assertThat(report.warnings()).extracting(Problem::message).containsExactly(
                "retry with backoff inside the " + type + " at root runs inline, so it waits out each backoff in"
                        + " place and blocks the stream thread; move the retry outside the " + type
                        + " or remove the backoff");
    }

    @Test
    void blockingRetryWarnsInsideRetryWithoutBackoff() {
        String schema = """
                type: retry
                child:
                  type: retry
                  name: inner
                  backoff: 1s
                  child: {ref: validate}
                """;

        ValidationReport report = validator.validate(SchemaParser.parse(schema), CATALOG);

        assertThat(report.errors()).isEmpty();
        assertThat(report.warnings()).extracting(Problem::message).containsExactly(
                "retry with backoff inside the retry without backoff at root runs inline, so it waits out each backoff"
                        + " in place and blocks the stream thread; give the outer retry a backoff too, or remove this backoff");
    }

    @Test
    void threeMistakesAreReportedTogether() throws Exception {
        Path file = Path.of(ValidatorTest.class.getResource("/schemas/three-mistakes.yaml").toURI());
        Schema schema = SchemaParser.parse(file);

        ValidationReport report = validator.validate(schema, CATALOG);

        assertThat(report.errors()).extracting(Problem::toString).containsExactly(
                file + ":5:15: root.children[1]: attempts must be at least 1 (it counts every run, the first"
                        + " included), got 0",
                file + ":8:5: root.children[2]: filter needs a 'then' node",
                file + ":10:11: root.children[3]: unknown type 'sequense' (did you mean 'sequence'?)");
        assertThat(report.isValid()).isFalse();
    }

    @Test
    void checkThrowsWithEveryErrorInTheMessage() throws Exception {
        Path file = Path.of(ValidatorTest.class.getResource("/schemas/three-mistakes.yaml").toURI());
        Schema schema = SchemaParser.parse(file);

        assertThatThrownBy(() -> validator.check(schema, CATALOG))
                .isInstanceOf(ValidationException.class)
                .hasMessage(file + ":5:15: root.children[1]: attempts must be at least 1 (it counts every run, the"
                        + " first included), got 0\n"
                        + file + ":8:5: root.children[2]: filter needs a 'then' node\n"
                        + file + ":10:11: root.children[3]: unknown type 'sequense' (did you mean 'sequence'?)")
                .satisfies(e -> assertThat(((ValidationException) e).report().errors()).hasSize(3));
    }

    @Test
    void checkReturnsReportWithWarnings() {
        Schema schema = SchemaParser.parse("""
                type: retry
                backoff: 1s
                child: {ref: validate}
                """);

        ValidationReport report = validator.check(schema, CATALOG);

        assertThat(report.warnings()).hasSize(1);
        assertThat(report.format()).startsWith("<inline>:1:1: root: warning: retry with backoff has no 'name'");
    }

    @Test
    void everyNodeTypeValidatesCleanly() throws Exception {
        Flume<String> components = Flume.builder(String.class)
                .predicate("good-enough", value -> true)
                .predicate("is-premium", value -> true)
                .condition("priority", List.of("high", "low"), value -> "high")
                .reducer("merge", (original, results, errors) -> original)
                .errorHandler("recover", failure -> failure.value())
                .build();
        for (String processor : List.of("validate", "audit", "enrich-a", "enrich-b", "fast", "primary", "backup",
                "charge", "slow", "remote", "premium", "standard", "urgent", "later", "risky", "after-alert",
                "first", "second")) {
            components.addProcessor(processor, (context, value) -> value);
        }

        for (String file : List.of("every-node-type.yaml", "every-node-type.json")) {
            Schema schema = SchemaParser.parse(Path.of(ValidatorTest.class.getResource("/schemas/" + file).toURI()));

            ValidationReport report = validator.validate(schema, components);

            assertThat(report.problems()).as(file).isEmpty();
            assertThat(report.isValid()).as(file).isTrue();
            assertThat(report.format()).as(file).isEmpty();
        }
    }

    @Test
    void sameRefTwiceIsAllowed() {
        assertThat(problems("""
                type: sequence
                children:
                  - ref: validate
                  - type: retry
                    child: {ref: validate}
                  - ref: validate
                """)).isEmpty();
    }

    @Test
    void streamsAreFreeWhenNoneAreDeclared() {
        Schema schema = SchemaParser.parse("stream: anything-goes\n");

        assertThat(validator.validate(schema, COMPONENTS).problems()).isEmpty();
    }

    @Test
    void emptyRegistryIsNamedInTheMessage() {
        Schema schema = SchemaParser.parse("ref: validate\n");

        ValidationReport report = validator.validate(schema, Flume.builder(String.class).build());

        assertThat(report.format()).isEqualTo(
                "<inline>:1:6: root: processor 'validate' is not registered (no processors are registered)");
    }

    @Test
    void longRegistriesAreShortened() {
        Flume<String> components = Flume.builder(String.class).build();
        for (int i = 0; i < 25; i++) {
            components.addProcessor("step-%02d".formatted(i), (context, value) -> value);
        }

        ValidationReport report = validator.validate(SchemaParser.parse("ref: other\n"), components);

        assertThat(report.format()).isEqualTo("<inline>:1:6: root: processor 'other' is not registered (registered:"
                + " step-00, step-01, step-02, step-03, step-04, step-05, step-06, step-07, step-08, step-09, step-10,"
                + " step-11, step-12, step-13, step-14, step-15, step-16, step-17, step-18, step-19 and 5 more)");
    }

    @Test
    void structureOnlySkipsComponentsAndStreams() {
        Schema schema = SchemaParser.parse("""
                type: sequence
                children:
                  - ref: not-registered
                  - stream: not-declared
                  - type: switch
                    condition: unknown-condition
                    routes:
                      anything: {ref: validate}
                  - type: retry
                    attempts: 0
                    child: {ref: validate}
                """);

        ValidationReport report = validator.validateStructure(schema);

        assertThat(report.format()).isEqualTo(
                "<inline>:10:15: root.children[3]: attempts must be at least 1 (it counts every run, the first"
                        + " included), got 0");
        assertThatThrownBy(() -> validator.checkStructure(schema)).isInstanceOf(ValidationException.class);
    }

    @Test
    void structureOnlyChecksStreamNames() {
        Schema schema = SchemaParser.parse("stream: \"alerts eu\"\n");

        ValidationReport report = validator.validateStructure(schema);

        assertThat(report.format()).isEqualTo("<inline>:1:9: root: stream 'alerts eu' contains characters Kafka does not"
                + " allow in topic names (' '); rename it using only letters, digits, '.', '_' and '-', such as 'alerts-eu'");
    }

    @Test
    void legalStreamNamesOfEveryCharacterClassPass() {
        Schema schema = SchemaParser.parse("stream: Orders_EU-2.high\n");

        assertThat(validator.validateStructure(schema).problems()).isEmpty();
        assertThat(validator.validateStructure(SchemaParser.parse("stream: " + "s".repeat(249) + "\n")).problems()).isEmpty();
    }

    @Test
    void programmaticSchemasValidateWithoutPositions() {
        Node valid = Node.builder(NodeType.SEQUENCE, "root")
                .children(List.of(
                        Node.builder(NodeType.REF, "root.children[0]").ref("validate").build(),
                        Node.builder(NodeType.RETRY, "root.children[1]").attempts(2)
                                .child(Node.builder(NodeType.REF, "root.children[1].child").ref("enrich").build())
                                .build()))
                .build();
        Node invalid = Node.builder(NodeType.SEQUENCE, "root")
                .attempts(3)
                .children(List.of(Node.builder(NodeType.RETRY, "root.children[0]").attempts(0).build()))
                .build();

        assertThat(validator.validate(new Schema(null, valid, "built"), CATALOG).problems()).isEmpty();
        assertThat(validator.validate(new Schema(null, invalid, "built"), CATALOG).format().split("\n")).containsExactly(
                "<unknown>:0:0: root: field 'attempts' is not allowed for sequence (allowed: children, name); remove it",
                "<unknown>:0:0: root.children[0]: retry needs a 'child' node",
                "<unknown>:0:0: root.children[0]: attempts must be at least 1 (it counts every run, the first"
                        + " included), got 0");
    }

    @Test
    void problemFormatsErrorsAndWarnings() {
        SourcePosition at = new SourcePosition("pipeline.yaml", 14, 7);

        assertThat(new Problem(Severity.ERROR, at, "root.children[2].routes.high", "processor 'notify' is not registered"))
                .hasToString("pipeline.yaml:14:7: root.children[2].routes.high: processor 'notify' is not registered");
        assertThat(new Problem(Severity.WARNING, at, "root", "give it a name"))
                .hasToString("pipeline.yaml:14:7: root: warning: give it a name");
    }
}
