package io.flume.examples.earthquakes;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.flume.cli.ExitCodes;
import io.flume.cli.FlumeCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flume run CONFIG --input FILE} with an {@code http} connector on {@code quakes.minor} to
 * a slow local HTTP server: the command returns only once the connector has written every record.
 * When its drain timeout passes first, it names the records outstanding and exits with code 4.
 */
class RunInputDrainTest {

    private static final Path EXAMPLE = Path.of("earthquakes").toAbsolutePath();
    private static final int LINES = 200;
    private static final int BATCH_SIZE = 10;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    @TempDir
    Path temp;

    private HttpServer server;
    private ExecutorService executor;
    private final Set<String> received = ConcurrentHashMap.newKeySet();
    private final Set<String> rejected = ConcurrentHashMap.newKeySet();
    /** Ids ending in this character get 400, which the connector sends to the dead-letter topic; null for none. */
    private volatile Character rejectIdsEndingIn;

    @BeforeEach
    void startSlowServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        executor = Executors.newFixedThreadPool(2);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // The sink's check of the endpoint at start has no record in its body.
            Matcher id = ID.matcher(body);
            String found = id.find() ? id.group(1) : null;
            Character reject = rejectIdsEndingIn;
            boolean rejects = found != null && reject != null && found.endsWith(reject.toString());
            if (found != null) {
                (rejects ? rejected : received).add(found);
            }
            exchange.sendResponseHeaders(rejects ? 400 : 200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void runWaitsUntilTheConnectorHandledEveryRecord() throws Exception {
        rejectIdsEndingIn = '1';
        long minor = expectedMinor();
        long pipelineDeadLetters = ExpectedQuakeRoutes.of(inputLines()).get(ExpectedQuakeRoutes.DEAD_LETTER);

        Run run = run("--timeout", "2m");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(rejected).as("ids ending in 1 among the minor quakes").isNotEmpty();
        assertThat(received.size() + rejected.size()).as("minor quakes the server got before the command returned")
                .isEqualTo(minor);
        assertThat(run.out()).containsPattern("connector minor-hook +" + received.size() + " written, " + rejected.size()
                + " failed, 0 retried, " + rejected.size() + " dead-lettered, 0 lag");
        assertThat(run.out()).as("the pipeline's and the connector's dead letters")
                .containsPattern("dead letters +" + (pipelineDeadLetters + rejected.size()) + "\\b");
    }

    @Test
    void exactlyOnceDrainEndsAfterCommitMarkers() throws Exception {
        long minor = expectedMinor();
        kafkaSection = "kafka: { processing.guarantee: exactly_once_v2, commit.interval.ms: 100 }\n";

        Run run = run("--timeout", "2m", "--drain-timeout", "60s");

        // Commit markers take offsets that no consumer receives, so the wait must not count them.
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        assertThat(received.size()).as("minor quakes the server got before the command returned").isEqualTo(minor);
    }

    @Test
    void drainTimeoutSaysWhatIsOutstanding() throws Exception {
        long minor = expectedMinor();

        Run run = run("--timeout", "2m", "--drain-timeout", "1s");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.DRAIN_TIMEOUT);
        Matcher outstanding = Pattern.compile("connector minor-hook has (\\d+) records outstanding").matcher(run.err());
        assertThat(outstanding.find()).as(run.err()).isTrue();
        assertThat(Long.parseLong(outstanding.group(1))).isBetween(1L, minor);
        assertThat(run.err()).contains("timed out after 1s waiting for the consumers of the stream topics to catch up")
                .contains("they are lost, as the embedded broker stops now");
        // The summary, printed while the connector still writes, shows its lag: every record not yet
        // written, give or take the records of the batch in flight.
        Matcher line = Pattern.compile("connector minor-hook +(\\d+) written, .* (\\d+) lag").matcher(run.out());
        assertThat(line.find()).as(run.out()).isTrue();
        long written = Long.parseLong(line.group(1));
        long lag = Long.parseLong(line.group(2));
        assertThat(lag).as("lag with " + written + " of " + minor + " written").isPositive();
        assertThat(written + lag).as("written plus lag").isBetween(minor, minor + BATCH_SIZE - 1);
    }

    /** Extra config lines before {@code schema:}, such as a {@code kafka:} section; none by default. */
    private String kafkaSection = "";

    private long expectedMinor() throws Exception {
        return ExpectedQuakeRoutes.of(inputLines()).get("quakes.minor");
    }

    private static List<String> inputLines() throws Exception {
        return ExpectedQuakeRoutes.lines(EXAMPLE.resolve("data/earthquakes-usgs-week.jsonl")).subList(0, LINES);
    }

    private Run run(String... options) throws Exception {
        Path input = Files.write(temp.resolve("input.jsonl"), inputLines());
        Path config = Files.writeString(temp.resolve("flume.yaml"), """
                application-id: quake-drain
                source: { topics: [earthquakes], key-serde: string }
                %sschema: %s
                components: earthquakes
                connectors:
                  - name: minor-hook
                    stream: quakes.minor
                    type: http
                    from: topic
                    batch-size: %d
                    url: http://127.0.0.1:%d/quakes
                """.formatted(kafkaSection, EXAMPLE.resolve("pipeline.yaml"), BATCH_SIZE, server.getAddress().getPort()));
        List<String> args = new java.util.ArrayList<>(List.of("run", config.toString(), "--input", input.toString()));
        args.addAll(List.of(options));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = FlumeCommand.execute(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
