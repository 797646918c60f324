package io.flume.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flume.cli.FlumeCommandTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code flume run} on the embedded broker, with a schema and no config. */
class RunCommandTest {

    private static final Path SCHEMA = Path.of("src/test/resources/flume-tests/app/pipeline.yaml");
    private static final String COMPONENTS = "io.flume.testing.TestOrderComponents";

    @TempDir
    Path temp;

    @Test
    void jsonLinesInputIsCountedPerStream() throws Exception {
        Path input = Files.writeString(temp.resolve("orders.jsonl"), """
                {"id": "o-1", "total": 20}
                {"id": "o-2", "total": 2000, "tier": "premium"}

                {"id": "o-3", "total": -5}
                not json at all
                {"id": "o-4", "total": 1500}
                """);

        Run run = FlumeCommandTest.flume("run", SCHEMA.toString(), "--components", COMPONENTS, "--input", input.toString(),
                "--timeout", "2m");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("Produced 5 records from " + input + " into input");
        assertThat(run.out()).containsPattern("orders.high +2\\b");
        assertThat(run.out()).containsPattern("orders.low +1\\b");
        assertThat(run.out()).containsPattern("audit +3\\b");
        assertThat(run.out()).containsPattern("dead letters +2\\b");
        assertThat(run.out()).contains("5 records processed in");
    }

    @Test
    void csvRowsBecomeJsonObjects() throws Exception {
        Path input = Files.writeString(temp.resolve("orders.csv"), """
                id,total,tier
                c-1,1200,standard
                c-2,"30",premium
                """);

        Run run = FlumeCommandTest.flume("run", SCHEMA.toString(), "--components", COMPONENTS, "--input", input.toString(),
                "--timeout", "2m");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).containsPattern("orders.high +1\\b");
        assertThat(run.out()).containsPattern("orders.low +1\\b");
        assertThat(run.out()).containsPattern("dead letters +0\\b");
    }

    @Test
    void oversizedRecordIsReported() throws Exception {
        String big = "{\"id\": \"o-big\", \"total\": 5, \"note\": \"" + "x".repeat(1_100_000) + "\"}";
        Path input = Files.writeString(temp.resolve("orders.jsonl"), "{\"id\": \"o-1\", \"total\": 20}\n"
                + big + "\n"
                + "{\"id\": \"o-2\", \"total\": 2000}\n");

        Run run = FlumeCommandTest.flume("run", SCHEMA.toString(), "--components", COMPONENTS, "--input", input.toString(),
                "--timeout", "60s");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("Produced 2 records from " + input + " into input");
        assertThat(run.err()).contains("flume: " + input + ":2: the record of " + big.length()
                + " bytes could not be produced to topic input: RecordTooLargeException: ");
        assertThat(run.err()).contains("raise producer.max.request.size in the config's kafka section");
        assertThat(run.err()).contains("flume: 1 of 3 records from " + input + " could not be produced");
        assertThat(run.err()).doesNotContain("stopped waiting");
        assertThat(run.out()).containsPattern("audit +2\\b");
        assertThat(run.out()).contains("2 records processed in");
    }

    @Test
    void startFailureIsOneLineError() throws Exception {
        Files.copy(SCHEMA, temp.resolve("pipeline.yaml"));
        Path config = Files.writeString(temp.resolve("flume.yaml"), """
                application-id: no-topics
                source: { topics: [absent] }
                schema: pipeline.yaml
                components: %s
                create-topics: false
                """.formatted(COMPONENTS));

        Run run = FlumeCommandTest.flume("run", config.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("flume: Kafka Streams no-topics stopped while starting (state ERROR)");
        assertThat(run.err()).doesNotContain("unexpected error").hasLineCount(1);
    }

    @Test
    void invalidCsvFailsBeforeStarting() throws Exception {
        Path input = Files.writeString(temp.resolve("orders.csv"), "id,total\nc-1,\"20\n");

        Run run = FlumeCommandTest.flume("run", SCHEMA.toString(), "--components", COMPONENTS, "--input", input.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("flume: " + input + ":2: the quoted cell that starts on this line is not closed"
                + " before the end of the file; end it with '\"', and write a quote inside a quoted cell as '\"\"'\n");
        assertThat(run.out()).doesNotContain("Running");
    }

    @Test
    void missingInputFileIsUsageError() {
        Run run = FlumeCommandTest.flume("run", SCHEMA.toString(), "--components", COMPONENTS, "--input",
                temp.resolve("absent.jsonl").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("absent.jsonl: input file not found");
    }

    @Test
    void inputDirectoryIsUsageError() {
        Run run = FlumeCommandTest.flume("run", SCHEMA.toString(), "--components", COMPONENTS, "--input", temp.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(temp + ": --input is a directory; give a JSON-lines or CSV file");
    }

    @Test
    void invalidSchemaExitsWithOneBeforeStartingKafka() {
        Run run = FlumeCommandTest.flume("run", "src/test/resources/cli/three-mistakes.yaml", "--components", COMPONENTS);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("three-mistakes.yaml:").doesNotContain("Running");
    }

    @Test
    void invalidHttpPortIsUsageError() {
        Run run = FlumeCommandTest.flume("run", SCHEMA.toString(), "--components", COMPONENTS, "--http-port", "70000");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("invalid --http-port 70000").doesNotContain("Running");
    }
}
