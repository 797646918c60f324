package io.flume.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flume.cli.FlumeCommandTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A value-serde that does not fit the library's value type, as {@code flume validate} and {@code flume run} report it. */
class SerdeCommandTest {

    @TempDir
    Path folder;

    /** Writes a config for the test-orders library, whose values are ObjectNode, with {@code value-serde: string}. */
    private Path stringSerdeConfig() throws Exception {
        Files.copy(Path.of(FlumeCommandTest.SCHEMA), folder.resolve("pipeline.yaml"));
        return Files.writeString(folder.resolve("flume.yaml"), """
                application-id: orders
                source:
                  topics: [orders]
                  value-serde: string
                schema: pipeline.yaml
                components: test-orders
                """);
    }

    private String expectedProblem(Path config) {
        return config + ":4:16: source.value-serde: invalid value 'string': it needs String values, but component library"
                + " 'test-orders' has ObjectNode values; remove the setting to use the library's serde (json), or use a"
                + " library of String values";
    }

    @Test
    void validateReportsValueSerdeMismatch() throws Exception {
        Path config = stringSerdeConfig();

        Run run = FlumeCommandTest.flume("validate", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.outLines()).contains(expectedProblem(config));
        assertThat(run.lastLine()).isEqualTo("validated 1 file: 1 error, 0 warnings");
    }

    @Test
    void runRejectsValueSerdeMismatchBeforeStarting() throws Exception {
        Path config = stringSerdeConfig();

        Run run = FlumeCommandTest.flume("run", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines()).contains(expectedProblem(config));
        assertThat(run.out()).doesNotContain("Running");
    }
}
