package io.flume.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaParserTest {

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(SchemaParserTest.class.getResource("/schemas/" + name).toURI());
    }

    private static Node child(Schema schema, int index) {
        return schema.root().children().get(index);
    }

    @Test
    void everyNodeTypeParsesItsFields() throws Exception {
        Schema schema = SchemaParser.parse(resource("every-node-type.yaml"));

        assertThat(schema.version()).isEqualTo("1.0.0");
        assertThat(schema.source()).endsWith("every-node-type.yaml");
        Node root = schema.root();
        assertThat(root.type()).isEqualTo(NodeType.SEQUENCE);
        assertThat(root.path()).isEqualTo("root");
        assertThat(root.name()).isEqualTo("orders");
        assertThat(root.children()).hasSize(16);
        assertThat(root.problems()).isEmpty();
        assertThat(root.unknownFields()).isEmpty();

        Node ref = child(schema, 0);
        assertThat(ref.type()).isEqualTo(NodeType.REF);
        assertThat(ref.ref()).isEqualTo("validate");
        assertThat(ref.path()).isEqualTo("root.children[0]");

        Node scaffold = child(schema, 1);
        assertThat(scaffold.type()).isEqualTo(NodeType.SCAFFOLD);
        assertThat(scaffold.children()).extracting(Node::ref).containsExactly("audit");
        assertThat(scaffold.children().get(0).path()).isEqualTo("root.children[1].children[0]");

        Node concurrent = child(schema, 2);
        assertThat(concurrent.type()).isEqualTo(NodeType.CONCURRENT);
        assertThat(concurrent.name()).isEqualTo("enrich-all");
        assertThat(concurrent.reducer()).isEqualTo("merge");
        assertThat(concurrent.children()).extracting(Node::ref).containsExactly("enrich-a", "enrich-b");

        assertThat(child(schema, 3).type()).isEqualTo(NodeType.RACE);
        assertThat(child(schema, 3).children()).extracting(Node::ref).containsExactly("fast");

        Node contest = child(schema, 4);
        assertThat(contest.type()).isEqualTo(NodeType.CONTEST);
        assertThat(contest.predicate()).isEqualTo("good-enough");

        Node workerPool = child(schema, 5);
        assertThat(workerPool.type()).isEqualTo(NodeType.WORKER_POOL);
        assertThat(workerPool.workers()).isEqualTo(8);
        assertThat(workerPool.effectiveWorkers()).isEqualTo(8);

        Node fallback = child(schema, 6);
        assertThat(fallback.type()).isEqualTo(NodeType.FALLBACK);
        assertThat(fallback.children()).extracting(Node::ref).containsExactly("primary", "backup");

        Node retry = child(schema, 7);
        assertThat(retry.type()).isEqualTo(NodeType.RETRY);
        assertThat(retry.name()).isEqualTo("retry-charge");
        assertThat(retry.attempts()).isEqualTo(5);
        assertThat(retry.backoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(retry.child().ref()).isEqualTo("charge");
        assertThat(retry.child().path()).isEqualTo("root.children[7].child");

        Node timeout = child(schema, 8);
        assertThat(timeout.type()).isEqualTo(NodeType.TIMEOUT);
        assertThat(timeout.duration()).isEqualTo(Duration.ofSeconds(150));

        Node breaker = child(schema, 9);
        assertThat(breaker.type()).isEqualTo(NodeType.CIRCUIT_BREAKER);
        assertThat(breaker.failureThreshold()).isEqualTo(3);
        assertThat(breaker.recoveryTimeout()).isEqualTo(Duration.ofMillis(1500));

        Node rateLimit = child(schema, 10);
        assertThat(rateLimit.type()).isEqualTo(NodeType.RATE_LIMIT);
        assertThat(rateLimit.requestsPerSecond()).isEqualTo(2.5);
        assertThat(rateLimit.burstSize()).isEqualTo(4);

        Node filter = child(schema, 11);
        assertThat(filter.type()).isEqualTo(NodeType.FILTER);
        assertThat(filter.predicate()).isEqualTo("is-premium");
        assertThat(filter.then().ref()).isEqualTo("premium");
        assertThat(filter.then().path()).isEqualTo("root.children[11].then");
        assertThat(filter.otherwise().ref()).isEqualTo("standard");
        assertThat(filter.otherwise().path()).isEqualTo("root.children[11].else");
        assertThat(filter.displayName()).isEqualTo("filter-is-premium");

        Node switchNode = child(schema, 12);
        assertThat(switchNode.type()).isEqualTo(NodeType.SWITCH);
        assertThat(switchNode.condition()).isEqualTo("priority");
        assertThat(switchNode.routes()).containsOnlyKeys("high", "low");
        assertThat(switchNode.routes().keySet()).containsExactly("high", "low");
        assertThat(switchNode.routes().get("high").ref()).isEqualTo("urgent");
        assertThat(switchNode.routes().get("high").path()).isEqualTo("root.children[12].routes.high");
        assertThat(switchNode.defaultRoute().ref()).isEqualTo("later");
        assertThat(switchNode.defaultRoute().path()).isEqualTo("root.children[12].default");

        Node handle = child(schema, 13);
        assertThat(handle.type()).isEqualTo(NodeType.HANDLE);
        assertThat(handle.errorHandler()).isEqualTo("recover");
        assertThat(handle.child().ref()).isEqualTo("risky");

        Node stream = child(schema, 14);
        assertThat(stream.type()).isEqualTo(NodeType.STREAM);
        assertThat(stream.stream()).isEqualTo("alerts");
        assertThat(stream.streamTimeout()).isEqualTo(Duration.ofNanos(50_000));
        assertThat(stream.child().ref()).isEqualTo("after-alert");
        assertThat(stream.displayName()).isEqualTo("stream:alerts");

        Node streamWithChildren = child(schema, 15);
        assertThat(streamWithChildren.stream()).isEqualTo("audit");
        assertThat(streamWithChildren.children()).extracting(Node::ref).containsExactly("first", "second");
    }

    @Test
    void jsonParsesToTheSameNodesAsYaml() throws Exception {
        Schema yaml = SchemaParser.parse(resource("every-node-type.yaml"));
        Schema json = SchemaParser.parse(resource("every-node-type.json"));

        assertThat(json.version()).isEqualTo(yaml.version());
        assertThat(describe(json.root())).isEqualTo(describe(yaml.root()));
    }

    /** Lists every node's path with its values, so that two trees can be compared without positions. */
    private static String describe(Node node) {
        StringBuilder out = new StringBuilder();
        out.append(node.path()).append(' ').append(node.type()).append(' ').append(List.of(
                String.valueOf(node.name()), String.valueOf(node.ref()), String.valueOf(node.stream()),
                String.valueOf(node.predicate()), String.valueOf(node.condition()), String.valueOf(node.reducer()),
                String.valueOf(node.errorHandler()), String.valueOf(node.attempts()), String.valueOf(node.backoff()),
                String.valueOf(node.duration()), String.valueOf(node.failureThreshold()),
                String.valueOf(node.recoveryTimeout()), String.valueOf(node.requestsPerSecond()),
                String.valueOf(node.burstSize()), String.valueOf(node.workers()), String.valueOf(node.streamTimeout())))
                .append(node.fieldPositions().keySet())
                .append('\n');
        node.labelledChildren().values().forEach(child -> out.append(describe(child)));
        return out.toString();
    }

    @Test
    void omittedFieldsTakeGoDefaults() {
        Schema schema = SchemaParser.parse("""
                type: sequence
                children:
                  - type: retry
                    child: {ref: a}
                  - type: timeout
                    child: {ref: a}
                  - type: circuit-breaker
                    child: {ref: a}
                  - type: rate-limit
                    child: {ref: a}
                  - type: worker-pool
                    children: [{ref: a}]
                """);

        Node retry = child(schema, 0);
        assertThat(retry.attempts()).isNull();
        assertThat(retry.effectiveAttempts()).isEqualTo(3);
        assertThat(retry.backoff()).isNull();
        assertThat(child(schema, 1).effectiveDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(child(schema, 2).effectiveFailureThreshold()).isEqualTo(5);
        assertThat(child(schema, 2).effectiveRecoveryTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(child(schema, 3).effectiveRequestsPerSecond()).isEqualTo(10.0);
        assertThat(child(schema, 3).effectiveBurstSize()).isEqualTo(1);
        assertThat(child(schema, 4).effectiveWorkers()).isEqualTo(4);
        assertThat(schema.version()).isNull();
        assertThat(schema.source()).isEqualTo("<inline>");
    }

    @Test
    void yamlPositionsPointAtNodesKeysAndValues() {
        Schema schema = SchemaParser.parse("""
                type: sequence
                children:
                  - ref: validate
                  - type: retry
                    backoff: 100ms
                    child:
                      ref: charge
                """, "pipeline.yaml");

        Node root = schema.root();
        assertThat(root.position()).isEqualTo(new SourcePosition("pipeline.yaml", 1, 1));
        assertThat(root.positionOf("type")).isEqualTo(new SourcePosition("pipeline.yaml", 1, 7));
        assertThat(root.keyPositionOf("children")).isEqualTo(new SourcePosition("pipeline.yaml", 2, 1));
        assertThat(root.positionOf("children")).isEqualTo(new SourcePosition("pipeline.yaml", 3, 3));

        Node validate = child(schema, 0);
        assertThat(validate.position()).isEqualTo(new SourcePosition("pipeline.yaml", 3, 5));
        assertThat(validate.positionOf("ref")).isEqualTo(new SourcePosition("pipeline.yaml", 3, 10));

        Node retry = child(schema, 1);
        assertThat(retry.position()).isEqualTo(new SourcePosition("pipeline.yaml", 4, 5));
        assertThat(retry.keyPositionOf("backoff")).isEqualTo(new SourcePosition("pipeline.yaml", 5, 5));
        assertThat(retry.positionOf("backoff")).isEqualTo(new SourcePosition("pipeline.yaml", 5, 14));
        assertThat(retry.child().position()).isEqualTo(new SourcePosition("pipeline.yaml", 7, 7));
        assertThat(retry.fieldPositions().keySet()).containsExactly("type", "backoff", "child");
    }

    @Test
    void jsonPositionsPointAtNodesKeysAndValues() {
        Schema schema = SchemaParser.parse("""
                {
                  "type": "sequence",
                  "children": [
                    {"ref": "validate"},
                    {"type": "retry", "attempts": 2, "child": {"ref": "charge"}}
                  ]
                }
                """, "pipeline.json");

        Node root = schema.root();
        assertThat(root.position()).isEqualTo(new SourcePosition("pipeline.json", 1, 1));
        assertThat(root.keyPositionOf("type")).isEqualTo(new SourcePosition("pipeline.json", 2, 3));
        assertThat(root.positionOf("type")).isEqualTo(new SourcePosition("pipeline.json", 2, 11));
        assertThat(root.positionOf("children")).isEqualTo(new SourcePosition("pipeline.json", 3, 15));
        assertThat(child(schema, 0).position()).isEqualTo(new SourcePosition("pipeline.json", 4, 5));
        assertThat(child(schema, 0).positionOf("ref")).isEqualTo(new SourcePosition("pipeline.json", 4, 13));
        assertThat(child(schema, 1).positionOf("attempts")).isEqualTo(new SourcePosition("pipeline.json", 5, 35));
        assertThat(child(schema, 1).child().position()).isEqualTo(new SourcePosition("pipeline.json", 5, 47));
    }

    @Test
    void valuesOfTheWrongShapeBecomeProblems() {
        Schema schema = SchemaParser.parse("""
                type: sequence
                children:
                  - validate
                  - type: retry
                    attempts: three
                    backoff: fast
                    child: charge
                  - type: switch
                    condition: priority
                    routes: [high, low]
                  - type: scaffold
                    children: enrich
                """);

        Node root = schema.root();
        assertThat(root.problems()).containsExactly(new FieldProblem("children", "root.children[0]",
                new SourcePosition("<inline>", 3, 5),
                "expected a node (a mapping with 'ref', 'type' or 'stream'), got the string 'validate';"
                        + " to run the processor 'validate', write 'ref: validate'"));
        assertThat(root.children()).hasSize(3);
        assertThat(child(schema, 0).path()).isEqualTo("root.children[1]");

        Node retry = child(schema, 0);
        assertThat(retry.problems()).extracting(FieldProblem::field, FieldProblem::path, FieldProblem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("attempts", "root.children[1]",
                                "attempts must be a whole number, got the string 'three'"),
                        org.assertj.core.groups.Tuple.tuple("backoff", "root.children[1]",
                                "backoff 'fast' is not a valid Go duration: expected a number at 'fast'"),
                        org.assertj.core.groups.Tuple.tuple("child", "root.children[1].child",
                                "expected a node (a mapping with 'ref', 'type' or 'stream'), got the string 'charge';"
                                        + " to run the processor 'charge', write 'ref: charge'"));
        assertThat(retry.problems().get(0).position()).isEqualTo(new SourcePosition("<inline>", 5, 15));
        assertThat(retry.attempts()).isNull();
        assertThat(retry.child()).isNull();
        assertThat(retry.has("child")).isTrue();
        assertThat(retry.hasProblem("child")).isTrue();

        assertThat(child(schema, 1).problems()).extracting(FieldProblem::message).containsExactly(
                "routes must be a mapping from the condition's values to nodes, got a list");
        assertThat(child(schema, 2).problems()).extracting(FieldProblem::message).containsExactly(
                "children must be a list of nodes, got the string 'enrich'");
    }

    @Test
    void numbersMustHaveTheRightKind() {
        Schema schema = SchemaParser.parse("""
                type: sequence
                children:
                  - {type: retry, attempts: 2.5, child: {ref: a}}
                  - {type: retry, attempts: "3", child: {ref: a}}
                  - {type: retry, attempts: 99999999999, child: {ref: a}}
                  - {type: rate-limit, requests_per_second: "fast", child: {ref: a}}
                  - {type: rate-limit, requests_per_second: 20, burst_size: 0x10, child: {ref: a}}
                  - {type: worker-pool, workers: 1_000, children: [{ref: a}]}
                  - {type: timeout, duration: 0, child: {ref: a}}
                  - {type: retry, backoff: -5s, child: {ref: a}}
                """);

        assertThat(child(schema, 0).problems()).extracting(FieldProblem::message)
                .containsExactly("attempts must be a whole number, got the number 2.5");
        assertThat(child(schema, 1).problems()).extracting(FieldProblem::message)
                .containsExactly("attempts must be a whole number, got the string '3'; remove the quotes");
        assertThat(child(schema, 2).problems()).extracting(FieldProblem::message)
                .containsExactly("attempts 99999999999 is out of range; the maximum is 2147483647");
        assertThat(child(schema, 3).problems()).extracting(FieldProblem::message)
                .containsExactly("requests_per_second must be a number, got the string 'fast'");
        assertThat(child(schema, 4).requestsPerSecond()).isEqualTo(20.0);
        assertThat(child(schema, 4).burstSize()).isEqualTo(16);
        assertThat(child(schema, 5).workers()).isEqualTo(1000);
        assertThat(child(schema, 6).duration()).isEqualTo(Duration.ZERO);
        assertThat(child(schema, 6).problems()).isEmpty();
        assertThat(child(schema, 7).backoff()).isEqualTo(Duration.ofSeconds(-5));
    }

    @Test
    void unknownFieldsAreKeptWithKeyPositions() {
        Schema schema = SchemaParser.parse("""
                type: sequence
                chidlren:
                  - ref: a
                colour: blue
                """);

        Node root = schema.root();
        assertThat(root.unknownFields()).containsExactly(
                Map.entry("chidlren", new SourcePosition("<inline>", 2, 1)),
                Map.entry("colour", new SourcePosition("<inline>", 4, 1)));
        assertThat(root.children()).isNull();
        assertThat(root.has("children")).isFalse();
    }

    @Test
    void kindNullWhenMissingOrUnknown() {
        Schema schema = SchemaParser.parse("""
                type: sequence
                children:
                  - name: nothing
                  - {ref: a, type: sequence}
                  - type: sequense
                  - type: retry
                """);

        assertThat(child(schema, 0).type()).isNull();
        assertThat(child(schema, 1).type()).isNull();
        assertThat(child(schema, 2).type()).isNull();
        assertThat(child(schema, 2).typeName()).isEqualTo("sequense");
        assertThat(child(schema, 3).type()).isEqualTo(NodeType.RETRY);
        assertThat(child(schema, 3).typeName()).isEqualTo("retry");
    }

    @Test
    void yamlAnchorsAliasesAndMergeKeysExpand() {
        Schema schema = SchemaParser.parse("""
                type: sequence
                children:
                  - &charge
                    type: retry
                    attempts: 5
                    child:
                      ref: charge
                  - <<: *charge
                    name: second-charge
                  - *charge
                """);

        Node second = child(schema, 1);
        assertThat(second.type()).isEqualTo(NodeType.RETRY);
        assertThat(second.attempts()).isEqualTo(5);
        assertThat(second.name()).isEqualTo("second-charge");
        assertThat(second.child().ref()).isEqualTo("charge");
        assertThat(second.child().path()).isEqualTo("root.children[1].child");

        Node third = child(schema, 2);
        assertThat(third.attempts()).isEqualTo(5);
        assertThat(third.path()).isEqualTo("root.children[2]");
        assertThat(third.position()).isEqualTo(new SourcePosition("<inline>", 3, 5));
    }

    @Test
    void yamlScalarsKeepTheirTextAsWritten() {
        Schema schema = SchemaParser.parse("""
                type: switch
                condition: enabled
                routes:
                  on: {ref: yes}
                  off: {ref: "no"}
                  1.0: {ref: 007}
                name: ~
                """);

        Node root = schema.root();
        assertThat(root.routes().keySet()).containsExactly("on", "off", "1.0");
        assertThat(root.routes().get("on").ref()).isEqualTo("yes");
        assertThat(root.routes().get("off").ref()).isEqualTo("no");
        assertThat(root.routes().get("1.0").ref()).isEqualTo("007");
        assertThat(root.name()).isNull();
        assertThat(root.has("name")).isTrue();
    }

    @Test
    void versionIsReadOnlyAtTheTop() {
        Schema schema = SchemaParser.parse("""
                version: 2
                type: sequence
                children:
                  - {ref: a, version: "1"}
                """);

        assertThat(schema.version()).isEqualTo("2");
        assertThat(schema.root().unknownFields()).isEmpty();
        assertThat(child(schema, 0).unknownFields()).containsOnlyKeys("version");
    }

    @Test
    void formatFollowsExtensionThenFirstCharacter() {
        assertThat(SchemaParser.isJson("{}", "pipeline.json")).isTrue();
        assertThat(SchemaParser.isJson("{ref: a}", "pipeline.yaml")).isFalse();
        assertThat(SchemaParser.isJson("{ref: a}", "pipeline.yml")).isFalse();
        assertThat(SchemaParser.isJson("  \n {\"ref\": \"a\"}", "<inline>")).isTrue();
        assertThat(SchemaParser.isJson("ref: a", "<inline>")).isFalse();
        assertThat(SchemaParser.isJson("# {\n", "<inline>")).isFalse();

        assertThatThrownBy(() -> SchemaParser.parse("ref: a", "pipeline.json"))
                .isInstanceOf(SchemaParseException.class)
                .hasMessageStartingWith("pipeline.json:1:1: invalid JSON: ");
        assertThat(SchemaParser.parse("{ref: a}", "pipeline.yaml").root().ref()).isEqualTo("a");
    }

    @Test
    void fileSourceIsThePathAsGiven(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pipeline.yaml");
        Files.writeString(file, "\uFEFFref: validate\n");

        Schema schema = SchemaParser.parse(file);

        assertThat(schema.source()).isEqualTo(file.toString());
        assertThat(schema.root().ref()).isEqualTo("validate");
        assertThat(schema.root().positionOf("ref")).isEqualTo(new SourcePosition(file.toString(), 1, 6));
    }

    @Test
    void missingFileThrowsIoException(@TempDir Path dir) {
        assertThatThrownBy(() -> SchemaParser.parse(dir.resolve("missing.yaml")))
                .isInstanceOf(IOException.class);
    }
}
