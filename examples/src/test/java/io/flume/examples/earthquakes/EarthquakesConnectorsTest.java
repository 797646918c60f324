package io.flume.examples.earthquakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flume.app.FlumeApplication;
import io.flume.app.InputFile;
import io.flume.cli.ExitCodes;
import io.flume.cli.FlumeCommand;
import io.flume.config.ConfigLoader;
import io.flume.connectors.Connectors;
import io.flume.runtime.app.StreamsRunner;
import io.flume.runtime.config.AppConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs the earthquakes example through {@link FlumeApplication} with a config whose
 * {@code connectors:} section archives two streams to JSON-lines files, one read from its topic
 * and one taken from its channel, and checks the files against the data.
 */
class EarthquakesConnectorsTest {

    private static final Path EXAMPLE = Path.of("earthquakes").toAbsolutePath();
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path temp;

    private Path writeConfig(String connectors) throws Exception {
        String config = """
                application-id: quake-archive
                source: { topics: [earthquakes], key-serde: string }
                schema: %s
                components: earthquakes
                channels:
                  quakes.moderate: { capacity: 50 }
                connectors:
                %s""".formatted(EXAMPLE.resolve("pipeline.yaml"), connectors);
        return Files.writeString(temp.resolve("flume.yaml"), config);
    }

    @Test
    void connectorsArchiveStreamsFromTopicAndChannel() throws Exception {
        Path config = writeConfig("""
                  - name: minor-to-archive
                    stream: quakes.minor
                    type: json-lines
                    path: ${ARCHIVE_DIR}/minor.jsonl
                  - name: moderate-to-archive
                    stream: quakes.moderate
                    type: json-lines
                    from: channel
                    batch-size: 20
                    path: ${ARCHIVE_DIR}/moderate.jsonl
                """);
        AppConfig appConfig = ConfigLoader.load(config, Map.of("ARCHIVE_DIR", temp.toString()));
        List<String> lines = ExpectedQuakeRoutes.lines(EXAMPLE.resolve("data/earthquakes-usgs-week.jsonl")).subList(0, 400);
        Map<String, Long> expected = ExpectedQuakeRoutes.of(lines);
        Path input = Files.write(temp.resolve("input.jsonl"), lines);

        try (FlumeApplication<?> app = FlumeApplication.create(appConfig, new EarthquakeComponents(),
                io.flume.schema.SchemaParser.parse(EXAMPLE.resolve("pipeline.yaml")))) {
            StreamsRunner runner = app.start(false);
            Connectors connectors = runner.extension(Connectors.class).orElseThrow();
            app.produce(new InputFile(input, "id"));

            long minor = expected.get("quakes.minor");
            long moderate = expected.get("quakes.moderate");
            awaitWritten(connectors, "minor-to-archive", minor);
            awaitWritten(connectors, "moderate-to-archive", moderate);

            var written = runner.meterRegistry().get("flume.connector.records.written")
                    .tags("application", "quake-archive", "connector", "minor-to-archive", "type", "json-lines")
                    .functionCounter();
            assertThat(written.count()).as("written meter of minor-to-archive").isEqualTo((double) minor);
        }

        assertThat(distinctIds(temp.resolve("minor.jsonl"))).as("minor quakes archived from the topic")
                .hasSize(Math.toIntExact(expected.get("quakes.minor")));
        assertThat(distinctIds(temp.resolve("moderate.jsonl"))).as("moderate quakes archived from the channel")
                .hasSize(Math.toIntExact(expected.get("quakes.moderate")));
    }

    @Test
    void misspeltSettingStopsStartWithFileAndLine() throws Exception {
        Path config = writeConfig("""
                  - name: minor-to-archive
                    stream: quakes.minor
                    type: json-lines
                    path: /tmp/minor.jsonl
                    max-file-siz: 1MB
                """);

        try (FlumeApplication<?> app = FlumeApplication.load(config)) {
            assertThatThrownBy(() -> app.start(false))
                    .isInstanceOf(StreamsRunner.RunnerException.class)
                    .hasMessageContaining(config + ":12:5: connector 'minor-to-archive': unknown setting 'max-file-siz'")
                    .hasMessageContaining("max-file-size");
        }
    }

    @Test
    void validateReportsEveryConnectorProblem() throws Exception {
        Path config = writeConfig("""
                  - name: minor-to-archive
                    stream: quakes.minor
                    type: json-lines
                    path: /tmp/minor.jsonl
                    max-file-siz: 1MB
                  - name: major-to-ftp
                    stream: quakes.major
                    type: ftp
                """);
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new FlumeCommand());
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(new StringWriter()));

        int exitCode = command.execute("validate", config.toString());

        assertThat(exitCode).as("output:%n%s", out).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString()).contains(config + ":12:5: connector 'minor-to-archive': unknown setting 'max-file-siz'");
        assertThat(out.toString()).contains("connector 'major-to-ftp'").contains("ftp");
        assertThat(out.toString()).contains("2 errors");
    }

    private static void awaitWritten(Connectors connectors, String name, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (connectors.metrics().get(name).written() < count) {
            assertThat(System.nanoTime()).as(name + " wrote " + count + " records in time").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static Set<String> distinctIds(Path file) throws Exception {
        Set<String> ids = new TreeSet<>();
        for (String line : Files.readAllLines(file)) {
            ids.add(line.replaceAll(".*?\"id\":\"([^\"]*)\".*", "$1"));
        }
        return ids;
    }
}
