package io.flume.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestFileRunnerTest {

    static final Path TESTS = Path.of("src/test/resources/flume-tests");
    static final Path PASSING = TESTS.resolve("app/passing.flume-test.yaml");
    static final Path NO_CONFIG = TESTS.resolve("app/no-config.flume-test.yaml");
    static final Path FAILING = TESTS.resolve("failing/failing.flume-test.yaml");
    static final Path INVALID = TESTS.resolve("invalid");

    private final TestFileRunner runner = new TestFileRunner();

    @Nested
    class PassingCases {

        @Test
        void everyCaseOfFilePasses() {
            FileResult result = runner.runFile(PASSING);

            assertThat(result.isValid()).isTrue();
            assertThat(result.cases()).extracting(CaseResult::name).containsExactly(
                    "low total goes to the low stream",
                    "premium discount compares by numeric value",
                    "exact and strict case",
                    "invalid order is dead-lettered",
                    "case without expectations that is strict passes when nothing is sent");
            assertThat(result.cases()).allSatisfy(testCase -> assertThat(testCase.failures()).isEmpty());
            assertThat(result.passedCount()).isEqualTo(5);
            assertThat(result.failedCount()).isZero();
        }

        @Test
        void caseResultCarriesItsLine() {
            FileResult result = runner.runFile(PASSING);

            assertThat(result.cases()).extracting(CaseResult::line).containsExactly(5, 16, 28, 56, 75);
        }

        @Test
        void fileWithoutConfigUsesInputTopicAndStreamNames() {
            FileResult result = runner.runFile(NO_CONFIG);

            assertThat(result.cases()).singleElement().satisfies(testCase -> {
                assertThat(testCase.name()).isEqualTo("stream topics default to stream names");
                assertThat(testCase.failures()).isEmpty();
            });
        }
    }

    @Test
    void stackOverflowFailsTheCaseWithTheFix(@TempDir Path dir) throws IOException {
        // 6,000 processors in a row overflow a default thread stack (1 MiB on 64-bit Linux) when run as nested calls.
        StringBuilder schema = new StringBuilder("version: \"1\"\ntype: sequence\nchildren:\n");
        for (int i = 0; i < 6_000; i++) {
            schema.append("  - ref: classify\n");
        }
        schema.append("  - stream: out\n");
        Files.writeString(dir.resolve("deep.yaml"), schema.toString());
        Path testFile = Files.writeString(dir.resolve("deep.flume-test.yaml"), """
                schema: deep.yaml
                components: io.flume.testing.TestOrderComponents
                cases:
                  - name: deep path
                    input:
                      - key: o-1
                        value: { id: o-1, total: 5 }
                    expect:
                      streams:
                        out:
                          - value: { priority: low }
                """);

        FileResult result = runner.runFile(testFile);

        assertThat(result.cases()).singleElement().satisfies(testCase -> assertThat(testCase.failures()).singleElement()
                .asString().contains("input 1 (line 6) overflowed the thread's stack", "longest path has 6004 nodes", "-Xss4m"));
    }

    @Nested
    class FailingCases {

        private final List<CaseResult> cases = runner.runFile(FAILING).cases();

        private List<String> failuresOf(String name) {
            return cases.stream().filter(testCase -> testCase.name().equals(name)).findFirst().orElseThrow().failures();
        }

        @Test
        void wrongFieldValueNamesFieldAndRecord() {
            assertThat(failuresOf("wrong field value")).containsExactly(
                    "stream orders.low record 2: field priority expected \"high\" but was \"low\"");
        }

        @Test
        void missingFieldAndWrongKeyAreBothReported() {
            assertThat(failuresOf("missing field and wrong key")).containsExactly(
                    "stream orders.low record 1: key expected \"o-9\" but was \"o-1\"",
                    "stream orders.low record 1: field customer expected {\"name\":\"Contoso\"} but is missing");
        }

        @Test
        void exactCaseReportsFieldsNotExpected() {
            assertThat(failuresOf("exact finds extra fields")).containsExactly(
                    "stream orders.low record 1: field priority was not expected but is \"low\"");
        }

        @Test
        void countMismatchListsMissingAndUnexpectedRecords() {
            assertThat(failuresOf("too few and too many records")).containsExactly(
                    "stream orders.low expected 2 records but received 1",
                    "stream orders.low record 2: missing; expected key \"o-2\" value (any)",
                    "stream orders.high expected no records but received 1: record 1 key \"o-2\" value "
                            + "{\"id\":\"o-2\",\"total\":2000,\"priority\":\"high\"}");
        }

        @Test
        void strictCaseReportsUnlistedStreamsAndDeadLetters() {
            assertThat(failuresOf("strict finds unlisted streams and dead letters")).containsExactly(
                    "stream audit received 1 record but the case does not list it (strict): record 1 key \"o-1\" value "
                            + "{\"id\":\"o-1\",\"total\":20,\"priority\":\"low\",\"source\":\"orders\",\"timestamp\":1767225600000}",
                    "dead-letter received 1 record but the case does not list it (strict): record 1 key \"o-2\" error "
                            + "\"order o-2: total must be a positive number, got 0\" node \"sequence.validate\"");
        }

        @Test
        void deadLetterMismatchesNameKeyErrorNodeAndValue() {
            assertThat(failuresOf("dead letter mismatches")).containsExactly(
                    "dead-letter record 1: key expected \"o-3\" but was \"o-2\"",
                    "dead-letter record 1: error expected to contain \"missing magnitude\" but was "
                            + "\"order o-2: total must be a positive number, got 0\"",
                    "dead-letter record 1: node expected to contain \"classify\" but was \"sequence.validate\"",
                    "dead-letter record 1: field total expected 1 but was 0");
        }

        @Test
        void arrayLengthAndAbsentDeadLetterAreReported() {
            assertThat(failuresOf("expected dead letter that never came")).containsExactly(
                    "stream audit record 1: field lines expected 3 elements but had 2: expected [1,2,3] but was [1,2]",
                    "dead-letter expected 1 record but received 0",
                    "dead-letter record 1: missing; expected error containing \"total must be\"");
        }

        @Test
        void passingCaseAmongFailingOnesPasses() {
            assertThat(failuresOf("passing case among failing ones")).isEmpty();
        }
    }

    @Nested
    class InvalidFiles {

        private List<String> problemsOf(String file) {
            FileResult result = runner.runFile(INVALID.resolve(file));
            assertThat(result.isValid()).isFalse();
            assertThat(result.cases()).isEmpty();
            return result.problems();
        }

        @Test
        void unknownKeysSuggestTheKnownOnes() {
            String file = INVALID.resolve("unknown-keys.flume-test.yaml").toString();

            assertThat(problemsOf("unknown-keys.flume-test.yaml")).containsExactly(
                    file + ":5:5: cases[0].inputs: unknown key 'inputs' (did you mean 'input'?); "
                            + "the keys here are name, input, advance, expect, exact, strict",
                    file + ":9:7: cases[0].expect.stream: unknown key 'stream' (did you mean 'streams'?); "
                            + "the keys here are streams, dead-letter",
                    file + ":13:11: cases[0].expect.dead-letter[0].eror: unknown key 'eror' (did you mean 'error'?); "
                            + "the keys here are key, error, node, value");
        }

        @Test
        void invalidYamlNamesPosition() {
            String file = INVALID.resolve("bad-yaml.flume-test.yaml").toString();

            assertThat(problemsOf("bad-yaml.flume-test.yaml")).containsExactly(
                    file + ":4:24: invalid YAML: while parsing a flow mapping; expected ',' or '}', but got <stream end>");
        }

        @Test
        void unknownStreamAndTopicSuggestNames() {
            String file = INVALID.resolve("bad-references.flume-test.yaml").toString();

            assertThat(problemsOf("bad-references.flume-test.yaml")).containsExactly(
                    file + ":7:16: cases[0].input[0].topic: topic 'order' is not a source topic of the application "
                            + "(did you mean 'orders'?); its source topics are orders, orders-retry",
                    file + ":11:9: cases[0].expect.streams.orders.lo: the schema has no stream 'orders.lo' "
                            + "(did you mean 'orders.low'?); its streams are audit, orders.high, orders.low");
        }

        @Test
        void schemaThatDoesNotValidateListsItsErrors() {
            String file = INVALID.resolve("schema-errors.flume-test.yaml").toString();
            String schema = "src/test/resources/cli/three-mistakes.yaml";

            assertThat(problemsOf("schema-errors.flume-test.yaml")).containsExactly(
                    file + ":1:1: schema " + schema + " has 3 validation errors:",
                    schema + ":4:10: root.children[1]: processor 'notify' is not registered "
                            + "(registered: classify, discount, stamp, validate)",
                    schema + ":6:15: root.children[2]: attempts must be at least 1 (it counts every run, the first "
                            + "included), got 0",
                    schema + ":9:11: root.children[3]: unknown type 'sequense' (did you mean 'sequence'?)");
        }

        @Test
        void unknownComponentLibraryNamesTheKnownOnes() {
            String file = INVALID.resolve("unknown-library.flume-test.yaml").toString();

            assertThat(problemsOf("unknown-library.flume-test.yaml")).singleElement().asString()
                    .startsWith(file + ":2:13: component library 'test-order' not found")
                    .contains("(found: test-orders)");
        }

        @Test
        void configStreamsRestrictStreamNames(@TempDir Path folder) throws IOException {
            Files.copy(TESTS.resolve("app/pipeline.yaml"), folder.resolve("pipeline.yaml"));
            Files.writeString(folder.resolve("flume.yaml"), """
                    application-id: orders
                    source: { topics: [orders] }
                    schema: pipeline.yaml
                    components: test-orders
                    streams: { orders.high: {}, orders.low: {} }
                    """);
            Path file = Files.writeString(folder.resolve("audit.flume-test.yaml"), """
                    config: flume.yaml
                    cases:
                      - name: audit
                        strict: true
                        input:
                          - value: { id: o-1, total: 10 }
                    """);

            FileResult result = runner.runFile(file);

            assertThat(result.isValid()).isFalse();
            assertThat(result.problems()).anySatisfy(problem -> assertThat(problem)
                    .contains("stream 'audit' is not declared (declared: orders.high, orders.low)"));
        }

        @Test
        void missingFileIsInvalid() {
            Path missing = TESTS.resolve("no-such.flume-test.yaml");

            FileResult result = runner.runFile(missing);

            assertThat(result.problems()).containsExactly(missing + ": test file not found");
        }
    }

    @Nested
    class UnhandledFailures {

        @TempDir
        Path folder;

        private FileResult runWith(String onUnhandled) throws IOException {
            Files.copy(TESTS.resolve("app/pipeline.yaml"), folder.resolve("pipeline.yaml"));
            Files.writeString(folder.resolve("flume.yaml"), """
                    application-id: orders
                    source: { topics: [orders] }
                    schema: pipeline.yaml
                    components: test-orders
                    errors: { on-unhandled: %s }
                    """.formatted(onUnhandled));
            Path file = Files.writeString(folder.resolve("unhandled.flume-test.yaml"), """
                    config: flume.yaml
                    cases:
                      - name: invalid order
                        input:
                          - key: o-1
                            value: { id: o-1, total: 0 }
                        expect:
                          dead-letter: []
                    """);
            return runner.runFile(file);
        }

        @Test
        void failModeStopsTopologyAndFailsCase() throws IOException {
            List<String> failures = runWith("fail").cases().get(0).failures();

            assertThat(failures).singleElement().asString()
                    .startsWith("input 1 (line 5) stopped the topology: ")
                    .contains("order o-1: total must be a positive number, got 0");
        }

        @Test
        void logModeSendsNothingToDeadLetter() throws IOException {
            assertThat(runWith("log").cases().get(0).failures()).isEmpty();
        }
    }

    @Nested
    class Runs {

        @Test
        void folderIsSearchedRecursivelyInPathOrder() {
            assertThat(TestFileRunner.discover(List.of(TESTS))).containsExactly(
                    NO_CONFIG,
                    PASSING,
                    FAILING,
                    INVALID.resolve("bad-references.flume-test.yaml"),
                    INVALID.resolve("bad-yaml.flume-test.yaml"),
                    INVALID.resolve("schema-errors.flume-test.yaml"),
                    INVALID.resolve("unknown-keys.flume-test.yaml"),
                    INVALID.resolve("unknown-library.flume-test.yaml"));
        }

        @Test
        void missingPathIsRejected() {
            assertThatThrownBy(() -> TestFileRunner.discover(List.of(TESTS.resolve("nowhere"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("test path " + TESTS.resolve("nowhere") + " not found");
        }

        @Test
        void runCountsCasesAndInvalidFiles() {
            TestRunResult result = runner.run(List.of(TESTS.resolve("app"), FAILING, INVALID.resolve("bad-yaml.flume-test.yaml")));

            assertThat(result.passedCount()).isEqualTo(7);
            assertThat(result.failedCount()).as("7 failed cases and 1 invalid file").isEqualTo(8);
            assertThat(result.hasInvalidFiles()).isTrue();
            assertThat(result.summary()).isEqualTo("7 passed, 8 failed");
        }

        @Test
        void printedReportEndsWithSummary() {
            StringWriter text = new StringWriter();

            TestRunResult result = runner.run(List.of(NO_CONFIG, FAILING), new PrintWriter(text));

            List<String> lines = text.toString().lines().toList();
            assertThat(result.passed()).isFalse();
            assertThat(lines.get(0)).isEqualTo("PASS " + NO_CONFIG + " › stream topics default to stream names");
            assertThat(lines.get(1)).isEqualTo("FAIL " + FAILING + " › wrong field value");
            assertThat(lines.get(2)).isEqualTo("    stream orders.low record 2: field priority expected \"high\" but was \"low\"");
            assertThat(lines).contains("PASS " + FAILING + " › passing case among failing ones");
            assertThat(lines.get(lines.size() - 1)).isEqualTo("2 passed, 7 failed");
        }
    }
}
