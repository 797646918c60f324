package io.flume.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestFileParserTest {

    private static final Path FILE = Path.of("tests/orders.flume-test.yaml");

    private static TestFile parse(String text) {
        return TestFileParser.parse(FILE, text);
    }

    private static List<String> problems(String text) {
        return catchThrowableOfType(InvalidTestFileException.class, () -> parse(text)).problems();
    }

    @Test
    void pathsResolveAgainstTestFileFolder() {
        TestFile file = parse("""
                schema: ../pipeline.yaml
                config: ../flume.yaml
                components: orders
                cases:
                  - name: one
                    strict: true
                """);

        assertThat(file.schema()).isEqualTo(Path.of("pipeline.yaml"));
        assertThat(file.config()).isEqualTo(Path.of("flume.yaml"));
        assertThat(file.components()).isEqualTo("orders");
    }

    @Test
    void inputFieldsAreRead() {
        TestFile file = parse("""
                schema: pipeline.yaml
                cases:
                  - name: one
                    input:
                      - key: 30001
                        value: { total: 1500 }
                        topic: orders
                        headers: { trace: t-1, empty: null }
                        timestamp: 1767225600000
                      - key: k2
                        timestamp: 2026-01-01T00:00:01Z
                    advance: 1m30s
                    expect:
                      streams:
                        out: []
                """);

        TestFile.Case testCase = file.cases().get(0);
        TestFile.Input first = testCase.inputs().get(0);
        assertThat(first.key().isNumber()).isTrue();
        assertThat(first.value().get("total").asInt()).isEqualTo(1500);
        assertThat(first.topic()).isEqualTo("orders");
        assertThat(first.headers()).containsEntry("trace", "t-1").containsEntry("empty", null);
        assertThat(first.timestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(testCase.inputs().get(1).timestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:01Z"));
        assertThat(testCase.inputs().get(1).value()).isNull();
        assertThat(testCase.advance()).isEqualTo(Duration.ofSeconds(90));
        assertThat(testCase.streams().get("out").records()).isEmpty();
        assertThat(testCase.deadLetters()).as("not checked").isNull();
    }

    @Test
    void valuesFollowYaml12Types() {
        TestFile file = parse("""
                schema: pipeline.yaml
                cases:
                  - name: one
                    input:
                      - value: { alert: yes, flag: true, empty: '', none:, id: "30001", total: 10.50 }
                    strict: true
                """);

        var value = file.cases().get(0).inputs().get(0).value();
        assertThat(value.get("alert").isTextual()).isTrue();
        assertThat(value.get("flag").isBoolean()).isTrue();
        assertThat(value.get("empty").asText()).isEmpty();
        assertThat(value.get("empty").isTextual()).isTrue();
        assertThat(value.get("none").isNull()).isTrue();
        assertThat(value.get("id").isTextual()).isTrue();
        assertThat(value.get("total").decimalValue()).isEqualByComparingTo("10.5");
    }

    @Test
    void emptyDeadLetterListMeansNone() {
        TestFile file = parse("""
                schema: pipeline.yaml
                cases:
                  - name: one
                    expect:
                      dead-letter: []
                """);

        assertThat(file.cases().get(0).deadLetters()).isEmpty();
    }

    @Test
    void misspeltTopLevelKeyIsSuggested() {
        assertThat(problems("""
                schema: pipeline.yaml
                component: orders
                cases:
                  - name: one
                    strict: true
                """)).containsExactly(FILE + ":2:1: component: unknown key 'component' (did you mean 'components'?); "
                + "the keys here are schema, config, components, cases");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThat(problems("""
                schema: pipeline.yaml
                cases:
                  - name: one
                    advance: soon
                    strict: yes please
                    input:
                      - key: [1, 2]
                        timestamp: yesterday
                        headers: { trace: { id: 1 } }
                  - name: one
                    expect:
                      streams:
                        out:
                """)).containsExactly(
                FILE + ":7:14: cases[0].input[0].key: a key is text or a number, but this is a list",
                FILE + ":9:27: cases[0].input[0].headers.trace: header 'trace' must be text, but is a mapping",
                FILE + ":8:20: cases[0].input[0].timestamp: invalid timestamp the text 'yesterday': write milliseconds "
                        + "since the epoch, such as 1767225600000, or an ISO-8601 instant, such as 2026-01-01T00:00:00Z",
                FILE + ":4:14: cases[0].advance: invalid 'advance': " + goDurationMessage("soon"),
                FILE + ":5:13: cases[0].strict: 'strict' must be true or false, but is the text 'yes please'",
                FILE + ":3:5: cases[0]: missing 'expect': list what the streams or the dead-letter topic must receive, "
                        + "or set 'strict: true' to check that nothing is sent",
                FILE + ":13:9: cases[1].expect.streams.out: stream 'out' has no records listed; write [] to expect "
                        + "that it receives nothing",
                FILE + ":10:11: cases[1].name: case name 'one' is used twice (first at line 3); give each case a name "
                        + "of its own");
    }

    private static String goDurationMessage(String text) {
        try {
            io.flume.runtime.time.GoDuration.parse(text);
            throw new AssertionError("expected " + text + " to be rejected");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Test
    void caseWithoutExpectationsMustBeStrict() {
        assertThat(problems("""
                schema: pipeline.yaml
                cases:
                  - name: one
                    input: []
                """)).containsExactly(FILE + ":3:5: cases[0]: missing 'expect': list what the streams or the dead-letter "
                + "topic must receive, or set 'strict: true' to check that nothing is sent");
    }

    @Test
    void missingSchemaAndCasesAreReported() {
        assertThat(problems("components: orders\n")).containsExactly(
                FILE + ":1:1: missing 'schema': name the schema file, relative to this file",
                FILE + ":1:1: missing 'cases': list at least one case with a name, an input and an expect");
    }

    @Test
    void documentThatIsNotMappingIsRejected() {
        assertThat(problems("- just\n- a list\n")).containsExactly(FILE + ":1:1: a test file is a mapping with schema, "
                + "cases and optionally config and components, but this is a list");
    }

    @Test
    void aliasesAreRejected() {
        assertThat(problems("""
                schema: pipeline.yaml
                cases:
                  - name: one
                    input:
                      - &order { key: k1 }
                      - *order
                    strict: true
                """)).singleElement().asString()
                .isEqualTo(FILE + ":6:9: YAML aliases (*order) are not supported in test files; write the value out");
    }

    @Test
    void duplicateKeysAreRejected() {
        assertThat(problems("""
                schema: a.yaml
                schema: b.yaml
                cases: []
                """)).containsExactly(FILE + ":2:1: duplicate key 'schema', first given at line 1; keep one of them");
    }
}
