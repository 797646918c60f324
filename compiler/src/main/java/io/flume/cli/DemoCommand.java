package io.flume.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flume.ComponentLibraries;
import io.flume.app.FlumeApplication;
import io.flume.config.ConfigLoader;
import io.flume.runtime.app.ClientConfigs;
import io.flume.runtime.app.StreamsRunner;
import io.flume.runtime.app.TopicReader;
import io.flume.schema.SchemaParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code flume demo}: runs the earthquakes example end to end on the embedded broker with the
 * real USGS week it ships with, prints what each stream received and a few of the tsunami
 * alerts, and stops everything it started.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
                "Run the bundled earthquakes example end to end: start an embedded Kafka broker on 127.0.0.1, "
                        + "produce one week of real USGS earthquake data (1,707 GeoJSON features), route it through "
                        + "the example's schema with Kafka Streams, and print the records per stream.",
                "Nothing needs to be installed; everything started is stopped at the end."})
final class DemoCommand implements Callable<Integer> {

    /** The folder of the runnable jar that holds the example's files, copied from examples/earthquakes. */
    static final String RESOURCES = "demo/earthquakes/";
    private static final List<String> FILES = List.of("flume.yaml", "pipeline.yaml", "data/earthquakes-usgs-week.jsonl");
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path folder = Files.createTempDirectory("flume-demo");
        try {
            copyExample(folder);
            return run(folder, out, err);
        } finally {
            deleteRecursively(folder);
        }
    }

    private int run(Path folder, PrintWriter out, PrintWriter err) throws Exception {
        var config = ConfigLoader.load(folder.resolve("flume.yaml"));
        var schema = SchemaParser.parse(folder.resolve("pipeline.yaml"));
        out.println("Flume demo: the earthquakes example on one week of USGS data (February 2018)");
        out.println("Starting an embedded Kafka broker and the Kafka Streams application...");
        out.flush();
        try (FlumeApplication<?> app = FlumeApplication.create(config, ComponentLibraries.find(config.components().orElseThrow()), schema)) {
            StreamsRunner runner = RunSession.start(app);
            RunSession session = new RunSession(app, out, err);
            session.printStarted(runner);
            boolean done = session.produceAndAwait(folder.resolve("data/earthquakes-usgs-week.jsonl"), "id", TIMEOUT);
            session.printSummary();
            if (done) {
                printTsunamiAlerts(app, runner, out);
            }
            return done ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    /** Reads back the tsunami stream's topic and prints each alert's title. */
    private static void printTsunamiAlerts(FlumeApplication<?> app, StreamsRunner runner, PrintWriter out) {
        String stream = "quakes.tsunami";
        long expected = app.streamCounts().getOrDefault(stream, 0L);
        if (expected == 0) {
            return;
        }
        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.read(
                ClientConfigs.consumer(app.config().kafka(), runner.bootstrapServers()),
                app.config().streamTopic(stream), (int) expected, Duration.ofSeconds(30));
        ObjectMapper mapper = new ObjectMapper();
        out.println();
        out.println("Tsunami alerts, read back from topic " + app.config().streamTopic(stream) + ":");
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                JsonNode quake = mapper.readTree(record.value());
                out.println("  " + quake.at("/properties/title").asText() + " (severity "
                        + quake.at("/properties/severity").asText() + ", depth " + quake.at("/properties/depth_km").asText() + " km)");
            } catch (IOException e) {
                out.println("  (a record that is not JSON: " + e.getMessage() + ")");
            }
        }
        out.flush();
    }

    private static void copyExample(Path folder) throws IOException {
        ClassLoader loader = DemoCommand.class.getClassLoader();
        for (String name : FILES) {
            try (InputStream in = loader.getResourceAsStream(RESOURCES + name)) {
                if (in == null) {
                    throw CommandFailedException.unusable("the demo's file " + RESOURCES + name + " is not on the class path;"
                            + " run the demo from the runnable jar that ./flume builds");
                }
                Path target = folder.resolve(name);
                Files.createDirectories(target.getParent());
                Files.copy(in, target);
            }
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
