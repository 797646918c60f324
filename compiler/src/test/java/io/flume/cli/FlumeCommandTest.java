package io.flume.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlumeCommandTest {

    static final String THREE_MISTAKES = "src/test/resources/cli/three-mistakes.yaml";
    static final String APP = "src/test/resources/flume-tests/app";
    static final String CONFIG = APP + "/flume.yaml";
    static final String SCHEMA = APP + "/pipeline.yaml";

    /** What one run of the command printed and returned. */
    record Run(int exitCode, String out, String err) {

        List<String> outLines() {
            return out.lines().toList();
        }

        String lastLine() {
            List<String> lines = outLines();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    static Run flume(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = FlumeCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** Writes a config that lists orders.high and orders.low but not the schema's stream 'audit'. */
    static Path configWithoutAudit(Path folder) throws IOException {
        Files.copy(Path.of(SCHEMA), folder.resolve("pipeline.yaml"));
        return Files.writeString(folder.resolve("flume.yaml"), """
                application-id: orders
                source:
                  topics: [orders]
                schema: pipeline.yaml
                components: test-orders
                streams:
                  orders.high: {}
                  orders.low: {}
                """);
    }

    @Nested
    class Usage {

        @Test
        void helpOfEveryVerbExitsWithZero() {
            for (String verb : List.of("validate", "describe", "test")) {
                Run run = flume(verb, "--help");

                assertThat(run.exitCode()).as(verb).isZero();
                assertThat(run.out()).as(verb).startsWith("Usage: flume " + verb).contains("--verbose");
            }
        }

        @Test
        void topLevelHelpListsVerbsAndExitCodes() {
            Run run = flume("--help");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("validate", "describe", "test", "Exit codes:");
        }

        @Test
        void missingVerbIsUsageError() {
            Run run = flume();

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).startsWith("missing command: name one of validate, describe, run, test, demo, diff, help");
        }

        @Test
        void unknownVerbIsUsageError() {
            Run run = flume("lint", "x.yaml");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("Unmatched arguments from index 0: 'lint', 'x.yaml'");
        }

        @Test
        void unknownOptionIsUsageError() {
            Run run = flume("describe", SCHEMA, "--format", "svg", "--components", "test-orders");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("Invalid value for option '--format'", "text, mermaid, dot");
        }
    }

    @Nested
    class Validate {

        @Test
        void schemaWithThreeMistakesPrintsEachWithPosition() {
            Run run = flume("validate", THREE_MISTAKES, "--components", "test-orders");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.outLines()).containsExactly(
                    THREE_MISTAKES + ":4:10: root.children[1]: processor 'notify' is not registered "
                            + "(registered: classify, discount, stamp, validate)",
                    THREE_MISTAKES + ":6:15: root.children[2]: attempts must be at least 1 (it counts every run, "
                            + "the first included), got 0",
                    THREE_MISTAKES + ":9:11: root.children[3]: unknown type 'sequense' (did you mean 'sequence'?)",
                    "validated 1 file: 3 errors, 0 warnings");
            assertThat(run.err()).isEmpty();
        }

        @Test
        void structureOnlyNeedsNoComponents() {
            Run run = flume("validate", "--structure-only", THREE_MISTAKES);

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.outLines()).hasSize(3).doesNotContain("processor 'notify'");
            assertThat(run.lastLine()).isEqualTo("validated 1 file: 2 errors, 0 warnings");
        }

        @Test
        void schemaWithoutComponentsIsUsageError() {
            Run run = flume("validate", THREE_MISTAKES);

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).isEqualTo("flume: " + THREE_MISTAKES + ": no component library to check references "
                    + "against; pass --components NAME (a library's short name or class name), or --structure-only to "
                    + "check the structure alone\n");
        }

        @Test
        void configFileValidatesItsSchemaWithItsComponents() {
            Run run = flume("validate", CONFIG);

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).isEqualTo("validated 1 file: 0 errors, 0 warnings\n");
        }

        @Test
        void warningsArePrintedButDoNotFail(@TempDir Path folder) throws IOException {
            Path schema = Files.writeString(folder.resolve("routes.yaml"), """
                    type: switch
                    condition: priority
                    routes:
                      high: { ref: classify }
                      urgent: { ref: classify }
                    """);

            Run run = flume("validate", schema.toString(), "--components", "test-orders");

            assertThat(run.exitCode()).isZero();
            assertThat(run.outLines()).hasSize(2);
            assertThat(run.outLines().get(0)).startsWith(schema + ":5:11: root.routes.urgent: warning: route 'urgent' is not among the values");
            assertThat(run.lastLine()).isEqualTo("validated 1 file: 0 errors, 1 warning");
        }

        @Test
        void configStreamsRestrictStreamNames(@TempDir Path folder) throws IOException {
            Path config = configWithoutAudit(folder);

            Run run = flume("validate", config.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).contains("pipeline.yaml:18:13: root.children[5]: stream 'audit' is not declared "
                    + "(declared: orders.high, orders.low); add it to the application config's 'streams'");
            assertThat(run.lastLine()).isEqualTo("validated 1 file: 1 error, 0 warnings");
        }

        @Test
        void configProblemsAreValidationErrors(@TempDir Path folder) throws IOException {
            Files.copy(Path.of(SCHEMA), folder.resolve("pipeline.yaml"));
            Path config = Files.writeString(folder.resolve("flume.yaml"), """
                    application-id: orders
                    source:
                      topics: [orders]
                    schema: pipeline.yaml
                    components: test-orders
                    error:
                      dead-letter-topic: dlq
                    """);

            Run run = flume("validate", config.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.outLines().get(0)).startsWith(config + ":6:1: ").contains("'error'", "errors");
            assertThat(run.lastLine()).isEqualTo("validated 1 file: 1 error, 0 warnings");
        }

        @Test
        void syntaxErrorIsValidationError(@TempDir Path folder) throws IOException {
            Path schema = Files.writeString(folder.resolve("broken.yaml"), "type: sequence\nchildren: [\n");

            Run run = flume("validate", schema.toString(), "--structure-only");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.outLines().get(0)).startsWith(schema + ":");
            assertThat(run.lastLine()).isEqualTo("validated 1 file: 1 error, 0 warnings");
        }

        @Test
        void missingFileIsReportedAndOthersStillValidated() {
            Run run = flume("validate", "no-such.yaml", CONFIG);

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).isEqualTo("flume: no-such.yaml: file not found\n");
            assertThat(run.out()).isEqualTo("validated 1 file: 0 errors, 0 warnings; 1 file could not be validated\n");
        }

        @Test
        void unknownLibraryIsUsageError() {
            Run run = flume("validate", SCHEMA, "--components", "test-order");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).startsWith("flume: component library 'test-order' not found").contains("(found: test-orders)");
        }
    }

    @Nested
    class Describe {

        @Test
        void mermaidShowsFlowchartWithProcessors() {
            Run run = flume("describe", CONFIG, "--format", "mermaid");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).startsWith("flowchart TD\n").contains(
                    "\"flume.source\"", "\"sequence.validate\"", "\"sequence.classify\"",
                    "\"sequence.filter-is-premium.then.discount\"", "\"sequence.stamp\"",
                    "\"orders-high-priority\"", "\"orders.dead-letter\"");
        }

        @Test
        void configStreamsRestrictStreamNames(@TempDir Path folder) throws IOException {
            Path config = configWithoutAudit(folder);

            Run run = flume("describe", config.toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("stream 'audit' is not declared (declared: orders.high, orders.low)");
            assertThat(run.out()).isEmpty();
        }

        @Test
        void dotShowsDigraph() {
            Run run = flume("describe", SCHEMA, "--components", "test-orders", "--format", "dot");

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).startsWith("digraph topology {").contains("label=\"sequence.validate\"",
                    "label=\"orders.high\", shape=cylinder", "label=\"flume.dead-letter\", shape=cylinder");
        }

        @Test
        void textStartsWithTopicsAndNodeNames() {
            Run run = flume("describe", CONFIG);

            assertThat(run.exitCode()).isZero();
            assertThat(run.outLines().subList(0, 17)).containsExactly(
                    "Source topics: orders, orders-retry",
                    "Streams:",
                    "  audit -> topic audit",
                    "  orders.high -> topic orders-high-priority",
                    "  orders.low -> topic orders.low",
                    "Dead-letter topic: orders.dead-letter",
                    "Nodes (schema path -> node name):",
                    "  root                         -> sequence",
                    "  root.children[0]             -> sequence.validate",
                    "  root.children[1]             -> sequence.classify",
                    "  root.children[2]             -> sequence.filter-is-premium",
                    "  root.children[2].then        -> sequence.filter-is-premium.then.discount",
                    "  root.children[3]             -> sequence.switch-priority",
                    "  root.children[3].routes.high -> sequence.switch-priority.route-high.stream-orders.high",
                    "  root.children[3].routes.low  -> sequence.switch-priority.route-low.stream-orders.low",
                    "  root.children[4]             -> sequence.stamp",
                    "  root.children[5]             -> sequence.stream-audit");
            assertThat(run.out()).contains("\nTopologies:\n", "Sub-topology: 0", "Source: flume.source (topics: [");
        }

        @Test
        void invalidSchemaPrintsProblemsToStandardError() {
            Run run = flume("describe", THREE_MISTAKES, "--components", "test-orders");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).isEmpty();
            assertThat(run.err().lines()).hasSize(3).allSatisfy(line -> assertThat(line).startsWith(THREE_MISTAKES + ":"));
        }

        @Test
        void schemaWithoutComponentsIsUsageError() {
            Run run = flume("describe", SCHEMA);

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).isEqualTo("flume: " + SCHEMA + ": no component library; pass --components NAME "
                    + "(a library's short name or class name)\n");
        }
    }

    @Nested
    class TestVerb {

        @Test
        void passingFilesExitWithZero() {
            Run run = flume("test", APP);

            assertThat(run.exitCode()).isZero();
            assertThat(run.outLines()).hasSize(7).allSatisfy(line -> assertThat(line).satisfiesAnyOf(
                    text -> assertThat(text).startsWith("PASS " + APP + "/"),
                    text -> assertThat(text).isEqualTo("6 passed, 0 failed")));
            assertThat(run.lastLine()).isEqualTo("6 passed, 0 failed");
        }

        @Test
        void failingCaseExitsWithOne() {
            Run run = flume("test", "src/test/resources/flume-tests/failing");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.out()).contains("FAIL src/test/resources/flume-tests/failing/failing.flume-test.yaml › wrong field value\n"
                    + "    stream orders.low record 2: field priority expected \"high\" but was \"low\"\n");
            assertThat(run.lastLine()).isEqualTo("1 passed, 7 failed");
        }

        @Test
        void invalidFileExitsWithTwo() {
            String file = "src/test/resources/flume-tests/invalid/bad-yaml.flume-test.yaml";

            Run run = flume("test", APP, file);

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.out()).contains("INVALID " + file + "\n    " + file + ":4:24: invalid YAML:");
            assertThat(run.lastLine()).isEqualTo("6 passed, 1 failed");
        }

        @Test
        void missingPathExitsWithTwo() {
            Run run = flume("test", "no-such-folder");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).startsWith("flume: test path no-such-folder not found");
        }

        @Test
        void folderWithoutTestFilesExitsWithTwo() {
            Run run = flume("test", "src/test/resources/schemas");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).isEqualTo("flume: no *.flume-test.yaml files found in src/test/resources/schemas\n");
        }

        @Test
        void verboseBeforeOrAfterVerbPrintsSchemaWarnings(@TempDir Path folder) throws IOException {
            Files.writeString(folder.resolve("routes.yaml"), """
                    type: switch
                    condition: priority
                    routes:
                      high: { stream: out }
                      urgent: { stream: out }
                    """);
            Path testFile = Files.writeString(folder.resolve("routes.flume-test.yaml"), """
                    schema: routes.yaml
                    components: test-orders
                    cases:
                      - name: high priority goes out
                        input:
                          - key: k1
                            value: { priority: high }
                        expect:
                          streams:
                            out:
                              - key: k1
                    """);

            Run quiet = flume("test", testFile.toString());
            Run before = flume("--verbose", "test", testFile.toString());
            Run after = flume("test", testFile.toString(), "--verbose");

            assertThat(quiet.out()).doesNotContain("WARN");
            for (Run verbose : List.of(before, after)) {
                assertThat(verbose.exitCode()).isZero();
                assertThat(verbose.outLines().get(0)).startsWith("WARN " + testFile + ": " + folder.resolve("routes.yaml")
                        + ":5:11: root.routes.urgent: warning:");
                assertThat(verbose.lastLine()).isEqualTo("1 passed, 0 failed");
            }
        }
    }
}
