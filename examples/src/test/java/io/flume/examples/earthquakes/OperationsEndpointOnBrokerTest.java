package io.flume.examples.earthquakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flume.app.FlumeApplication;
import io.flume.app.InputFile;
import io.flume.config.ConfigLoader;
import io.flume.runtime.app.StreamsRunner;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.HttpConfig;
import io.flume.runtime.http.HttpEndpoint;
import io.flume.schema.SchemaParser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the earthquakes example on the embedded broker with the HTTP endpoint on a free port. The
 * input is the first 60 features of the USGS week, two features that fail validation, one line
 * that is not JSON and a notable quake whose first notification fails. The test reads every
 * route with a real HTTP client and checks the per-node counts against counts computed from the
 * input. The application passes a registry of its own, which the runner joins with the
 * Prometheus registry that {@code /metrics} serves.
 */
class OperationsEndpointOnBrokerTest {

    private static final Path EXAMPLE = Path.of("earthquakes");
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final int FEED_RECORDS = 60;
    private static final List<String> FAILING_VALIDATION = List.of(
            "{\"type\":\"Feature\",\"id\":\"broken-mag\",\"properties\":{\"mag\":null,\"type\":\"earthquake\"},"
                    + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1.0,2.0,3.0]}}",
            "{\"type\":\"Feature\",\"id\":\"broken-coordinates\",\"properties\":{\"mag\":2.0,\"type\":\"earthquake\"},"
                    + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1.0,2.0]}}");
    private static final String NOT_JSON = "{\"type\":\"Feature\",\"id\":\"cut-short\",\"properties\":{\"mag\":";
    private static final String RETRIED = "{\"type\":\"Feature\",\"id\":\"retried-notify\",\"properties\":{\"mag\":5.0,"
            + "\"type\":\"earthquake\",\"tsunami\":0,\"alert\":null,\"fail_attempts\":1},"
            + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1.0,2.0,3.0]}}";
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path temp;

    @Test
    void endpointServesHealthMetricsTopologyAndSchema() throws Exception {
        List<String> feed = ExpectedQuakeRoutes.lines(EXAMPLE.resolve("data/earthquakes-usgs-week.jsonl")).subList(0, FEED_RECORDS);
        List<String> lines = new ArrayList<>(feed);
        lines.addAll(FAILING_VALIDATION);
        lines.add(NOT_JSON);
        lines.add(RETRIED);
        Path input = Files.write(temp.resolve("input.jsonl"), lines);
        Map<String, Long> expectedStreams = ExpectedQuakeRoutes.of(lines);
        List<String> valid = new ArrayList<>(feed);
        valid.add(RETRIED);
        long earthquakes = valid.stream().filter(line -> line.contains("\"type\":\"earthquake\"")).count();

        int port = freePort();
        AppConfig config = ConfigLoader.load(EXAMPLE.resolve("flume.yaml")).toBuilder().http(HttpConfig.onPort(port)).build();
        var schema = SchemaParser.parse(EXAMPLE.resolve("pipeline.yaml"));
        String base;
        SimpleMeterRegistry ownRegistry = new SimpleMeterRegistry();
        try (FlumeApplication<?> app = FlumeApplication.create(config, new EarthquakeComponents(), schema)) {
            HealthPoller poller = new HealthPoller("http://127.0.0.1:" + port + "/health");
            poller.start();
            StreamsRunner runner;
            try {
                runner = app.meterRegistry(ownRegistry).start(false);
            } finally {
                poller.stopPolling();
            }
            assertThat(poller.statuses).as("/health while the application starts").contains(503);
            base = runner.httpEndpoint().orElseThrow().baseUrl();
            long produced = app.produce(new InputFile(input, "id")).produced();
            assertThat(app.awaitProcessed(produced, TIMEOUT, () -> { })).as("all records processed in time").isTrue();

            HttpResponse<String> health = get(base + "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"state\":\"RUNNING\"").contains("\"application\":\"quake-alerts\"");

            HttpResponse<String> metrics = get(base + "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValue(HttpEndpoint.PROMETHEUS_CONTENT_TYPE);
            List<Sample> samples = parse(metrics.body());
            long decoded = lines.size() - 1;
            assertThat(value(samples, "flume_node_records_in_total", "node", "quake-alerts.validate")).isEqualTo(decoded);
            assertThat(value(samples, "flume_node_records_failed_total", "node", "quake-alerts.validate"))
                    .isEqualTo(FAILING_VALIDATION.size());
            assertThat(value(samples, "flume_node_processing_seconds_count", "node", "quake-alerts.validate")).isEqualTo(decoded);
            assertThat(value(samples, "flume_node_records_out_total", "node", "quake-alerts.filter-is-earthquake"))
                    .isEqualTo(valid.size());
            assertThat(value(samples, "flume_node_route_records_total", "node", "quake-alerts.filter-is-earthquake", "route", "then"))
                    .isEqualTo(earthquakes);
            assertThat(value(samples, "flume_node_records_in_total", "path", "root.children[2]")).isEqualTo(valid.size());
            assertThat(value(samples, "flume_records_dead_lettered_total", "reason", "unhandled_failure"))
                    .isEqualTo(FAILING_VALIDATION.size());
            assertThat(value(samples, "flume_records_dead_lettered_total", "reason", "poison_pill")).isEqualTo(1);
            assertThat(value(samples, "flume_retry_scheduled_total", "node", "notify-retry")).isEqualTo(1);
            assertThat(value(samples, "flume_retry_exhausted_total", "node", "notify-retry")).isZero();
            assertThat(value(samples, "flume_stream_sends_total", "stream", "quakes.minor")).isEqualTo(expectedStreams.get("quakes.minor"));
            assertThat(value(samples, "flume_stream_sends_total", "stream", "quakes.notified"))
                    .isEqualTo(expectedStreams.get("quakes.notified"));
            assertThat(samples).as("every Flume sample is tagged with the application")
                    .filteredOn(sample -> sample.name().startsWith("flume_"))
                    .allSatisfy(sample -> assertThat(sample.labels()).containsEntry("application", "quake-alerts"));
            assertThat(samples).as("Kafka Streams' own metrics")
                    .anySatisfy(sample -> assertThat(sample.name()).startsWith("kafka_stream_"));

            assertThat(ownRegistry.get("flume.node.records.in").tag("node", "quake-alerts.validate").functionCounter().count())
                    .as("the application's own registry gets the same meters").isEqualTo(decoded);

            HttpResponse<String> topology = get(base + "/topology");
            assertThat(topology.statusCode()).isEqualTo(200);
            assertThat(topology.body()).contains("quake-alerts.filter-is-earthquake.decide");
            HttpResponse<String> mermaid = get(base + "/topology?format=mermaid");
            assertThat(mermaid.statusCode()).isEqualTo(200);
            assertThat(mermaid.body()).startsWith("flowchart").contains("quake-alerts.validate");

            HttpResponse<String> schemaResponse = get(base + "/schema");
            assertThat(schemaResponse.statusCode()).isEqualTo(200);
            assertThat(schemaResponse.body()).contains("\"version\":\"1\"").contains("predicate: is-earthquake");

            assertThat(get(base + "/nothing-here").statusCode()).isEqualTo(404);
            HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }

        assertThat(ownRegistry.find("flume.node.records.in").meters()).as("meters removed on close").isEmpty();
        assertThatThrownBy(() -> get(base + "/health")).as("the endpoint closes with the application")
                .isInstanceOf(ConnectException.class);
        assertThat(Thread.getAllStackTraces().keySet()).as("no endpoint thread is left")
                .noneMatch(thread -> thread.getName().startsWith("flume-http-"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Polls {@code /health} every 20 ms, for at most two minutes, and keeps the statuses it got. */
    private final class HealthPoller extends Thread {
        private final String url;
        private final List<Integer> statuses = new CopyOnWriteArrayList<>();
        private volatile boolean polling = true;

        HealthPoller(String url) {
            super("health-poller");
            this.url = url;
            setDaemon(true);
        }

        @Override
        public void run() {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (polling && System.nanoTime() < deadline) {
                try {
                    statuses.add(get(url).statusCode());
                } catch (IOException e) {
                    // Not listening yet.
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopPolling() throws InterruptedException {
            polling = false;
            join(Duration.ofSeconds(15).toMillis());
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A Prometheus sample: a metric name, its labels and its value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return samples;
    }

    /** Returns the value of the one sample of {@code name} whose labels contain the given pairs. */
    static long value(List<Sample> samples, String name, String... labelPairs) {
        List<Sample> matching = samples.stream()
                .filter(sample -> sample.name().equals(name))
                .filter(sample -> {
                    for (int i = 0; i < labelPairs.length; i += 2) {
                        if (!labelPairs[i + 1].equals(sample.labels().get(labelPairs[i]))) {
                            return false;
                        }
                    }
                    return true;
                })
                .toList();
        assertThat(matching).as("samples of %s with %s", name, List.of(labelPairs)).hasSize(1);
        return Math.round(matching.get(0).value());
    }
}
