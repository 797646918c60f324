package io.flume.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.flume.runtime.config.HttpConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpEndpointTest {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
    private HttpEndpoint endpoint;

    @BeforeEach
    void start() {
        endpoint = HttpEndpoint.builder("orders", HttpConfig.onPort(0))
                .state(state::get)
                .healthDetails(() -> Map.of("channels", Map.of("alerts", Map.of("depth", 3, "capacity", 10))))
                .metrics(() -> "flume_records_source_total{application=\"orders\"} 7.0\n")
                .topology(() -> "Topologies:\n", () -> "flowchart TB\n")
                .start();
    }

    @AfterEach
    void close() {
        endpoint.close();
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsOkOnlyWhileRunningOrRebalancing() throws Exception {
        for (State current : State.values()) {
            state.set(current);
            HttpResponse<String> response = send("GET", "/health");

            boolean up = current == State.RUNNING || current == State.REBALANCING;
            assertThat(response.statusCode()).as("status in state %s", current).isEqualTo(up ? 200 : 503);
            assertThat(response.body()).as("body in state %s", current).contains("\"state\":\"" + current + "\"");
        }
    }

    @Test
    void healthBodyNamesApplicationAndChannels() throws Exception {
        state.set(State.RUNNING);

        HttpResponse<String> response = send("GET", "/health");

        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).contains("\"status\":\"UP\"", "\"application\":\"orders\"",
                "\"alerts\":{", "\"depth\":3", "\"capacity\":10");
    }

    @Test
    void metricsUsePrometheusContentType() throws Exception {
        HttpResponse<String> response = send("GET", "/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(HttpEndpoint.PROMETHEUS_CONTENT_TYPE);
        assertThat(response.body()).contains("flume_records_source_total");
    }

    @Test
    void topologyFormats() throws Exception {
        assertThat(send("GET", "/topology").body()).isEqualTo("Topologies:\n");
        assertThat(send("GET", "/topology?format=mermaid").body()).isEqualTo("flowchart TB\n");
        HttpResponse<String> invalid = send("GET", "/topology?format=svg");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("format=mermaid");
    }

    @Test
    void schemaIsNotFoundWithoutOne() throws Exception {
        assertThat(send("GET", "/schema").statusCode()).isEqualTo(404);
    }

    @Test
    void schemaDocumentIsJson() throws Exception {
        endpoint.close();
        endpoint = HttpEndpoint.builder("orders", HttpConfig.onPort(0))
                .schema(() -> Optional.of(new HttpEndpoint.SchemaDocument("default", "1", "pipeline.yaml", "ref: validate\n")))
                .start();

        HttpResponse<String> response = send("GET", "/schema");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"name\":\"default\"", "\"version\":\"1\"", "\"text\":\"ref: validate\\n\"");
    }

    @Test
    void unknownPathAndOtherMethodsAreRejected() throws Exception {
        assertThat(send("GET", "/").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/healthz").statusCode()).isEqualTo(404);
        HttpResponse<String> post = send("POST", "/health");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void closeLeavesNoThread() {
        endpoint.close();

        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(thread -> thread.getName().equals("flume-http-orders"));
    }
}
