package io.flume.connectors;

import static io.flume.connectors.ConnectorTestSupport.assertAllDelivered;
import static io.flume.connectors.ConnectorTestSupport.await;
import static io.flume.connectors.ConnectorTestSupport.config;
import static io.flume.connectors.ConnectorTestSupport.idOf;
import static io.flume.connectors.ConnectorTestSupport.produce;
import static io.flume.connectors.ConnectorTestSupport.start;
import static io.flume.connectors.ConnectorTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flume.runtime.broker.EmbeddedKafkaBroker;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.ConnectorConfig;
import io.flume.runtime.config.ConnectorConfig.Source;
import io.flume.runtime.errors.DeadLetterRecords;
import io.flume.runtime.errors.FlumeHeaders;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpConnectorTest {

    private static EmbeddedKafkaBroker broker;

    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    /**
     * Starts an endpoint on 127.0.0.1 that stores the bodies it accepts; {@code status} maps the
     * request number (from 1) to the response status, and a body is stored only with a 2xx.
     */
    private void serve(int port, IntUnaryOperator status, String retryAfter) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/quakes", exchange -> answer(exchange, status, retryAfter));
        server.start();
    }

    private void answer(HttpExchange exchange, IntUnaryOperator status, String retryAfter) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int code = exchange.getRequestMethod().equals("HEAD") ? 200 : status.applyAsInt(requests.incrementAndGet());
        if (code / 100 == 2 && !exchange.getRequestMethod().equals("HEAD")) {
            received.add(body);
        }
        if (retryAfter != null && code != 200) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(code, -1);
        exchange.close();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/quakes";
    }

    private List<Integer> receivedIds() {
        List<Integer> ids = new ArrayList<>();
        synchronized (received) {
            for (String body : received) {
                for (String value : body.startsWith("[") ? body.substring(1, body.length() - 1).split("(?<=\\}),") : new String[] {body}) {
                    ids.add(idOf(value));
                }
            }
        }
        return ids;
    }

    private String topicWith(int records) {
        String topic = unique("quakes.major");
        broker.createTopics(Map.of(topic, 2));
        produce(broker.bootstrapServers(), topic, 0, records);
        return topic;
    }

    @Test
    void deliversRecordsOnePerRequest() throws Exception {
        serve(0, request -> 200, null);
        String topic = topicWith(2_000);
        AppConfig config = config(unique("http"), ConnectorConfig.of("to-http", topic, "http", Source.TOPIC,
                Map.of("url", url(), "concurrency", "8", "batch-size", "1000")));

        Connectors connectors = start(config, broker.bootstrapServers());
        try {
            await("2,000 requests", Duration.ofSeconds(40), () -> received.size() >= 2_000);
        } finally {
            connectors.stop(Duration.ofSeconds(5));
        }

        assertThat(assertAllDelivered(receivedIds(), 2_000)).as("duplicates without failures").isZero();
        assertThat(received).as("one request per record").hasSize(2_000);
    }

    @Test
    void deliversTenThousandRecordsAsJsonArrays() throws Exception {
        serve(0, request -> 200, null);
        String topic = topicWith(10_000);
        AppConfig config = config(unique("http"), ConnectorConfig.of("to-http", topic, "http", Source.TOPIC,
                Map.of("url", url(), "mode", "batch", "batch-size", "500")));

        Connectors connectors = start(config, broker.bootstrapServers());
        try {
            await("10,000 records", Duration.ofSeconds(30), () -> receivedIds().size() >= 10_000);
        } finally {
            connectors.stop(Duration.ofSeconds(5));
        }

        assertThat(assertAllDelivered(receivedIds(), 10_000)).as("duplicates without failures").isZero();
        assertThat(received.size()).as("requests, at most 500 records each").isBetween(20, 10_000 / 2);
        ConnectorTestSupport.assertNoThreadsLeft("to-http");
    }

    @Test
    void retriesServerErrorsUntilAccepted() throws Exception {
        serve(0, request -> request <= 3 ? 500 : 200, null);
        String topic = topicWith(100);
        AppConfig config = config(unique("http"), ConnectorConfig.of("to-http", topic, "http", Source.TOPIC,
                Map.of("url", url(), "mode", "batch", "retry.backoff", "50ms")));

        Connectors connectors = start(config, broker.bootstrapServers());
        try {
            await("100 records after three 500s", Duration.ofSeconds(20), () -> receivedIds().size() >= 100);
        } finally {
            connectors.stop(Duration.ofSeconds(5));
        }

        assertAllDelivered(receivedIds(), 100);
        ConnectorMetrics.Snapshot metrics = connectors.metrics().get("to-http");
        assertThat(metrics.retried()).as("records retried").isGreaterThanOrEqualTo(3);
        assertThat(metrics.deadLettered()).isZero();
    }

    @Test
    void honoursRetryAfterWithinMaxBackoff() throws Exception {
        serve(0, request -> request == 1 ? 429 : 200, "1");
        String topic = topicWith(1);
        AppConfig config = config(unique("http"), ConnectorConfig.of("to-http", topic, "http", Source.TOPIC,
                Map.of("url", url(), "retry.backoff", "10ms")));

        long start = System.nanoTime();
        Connectors connectors = start(config, broker.bootstrapServers());
        try {
            await("the record after a 429", Duration.ofSeconds(20), () -> received.size() >= 1);
        } finally {
            connectors.stop(Duration.ofSeconds(5));
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time including the 1 s Retry-After")
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void sendsRejectedRecordsToDeadLetterTopic() throws Exception {
        serve(0, request -> 200, null);
        server.removeContext("/quakes");
        server.createContext("/quakes", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean probe = exchange.getRequestMethod().equals("HEAD");
            boolean rejected = !probe && idOf(body) % 10 == 7;
            if (!rejected && !probe) {
                received.add(body);
            }
            exchange.sendResponseHeaders(rejected ? 400 : 200, -1);
            exchange.close();
        });
        String applicationId = unique("http");
        String deadLetterTopic = applicationId + ".dead-letter";
        broker.createTopics(Map.of(deadLetterTopic, 1));
        String topic = topicWith(100);
        AppConfig config = config(applicationId, ConnectorConfig.of("to-http", topic, "http", Source.TOPIC,
                Map.of("url", url())));

        Connectors connectors = start(config, broker.bootstrapServers());
        List<ConsumerRecord<byte[], byte[]>> deadLetters;
        try {
            deadLetters = ConnectorTestSupport.read(broker.bootstrapServers(), deadLetterTopic, 10, Duration.ofSeconds(20));
            await("90 records accepted", Duration.ofSeconds(10), () -> received.size() >= 90);
        } finally {
            connectors.stop(Duration.ofSeconds(5));
        }

        assertThat(deadLetters).hasSize(10);
        assertThat(deadLetters).extracting(record -> idOf(ConnectorTestSupport.text(record.value())) % 10).containsOnly(7);
        ConsumerRecord<byte[], byte[]> first = deadLetters.get(0);
        assertThat(DeadLetterRecords.header(first.headers(), FlumeHeaders.CONNECTOR)).isEqualTo("to-http");
        assertThat(DeadLetterRecords.header(first.headers(), FlumeHeaders.ERROR_MESSAGE)).contains("returned 400");
        assertThat(DeadLetterRecords.header(first.headers(), FlumeHeaders.ERROR_ATTEMPTS)).isEqualTo("1");
        assertThat(DeadLetterRecords.header(first.headers(), FlumeHeaders.SOURCE_TOPIC)).isEqualTo(topic);
        assertThat(DeadLetterRecords.header(first.headers(), ConnectorTestSupport.TRACE_HEADER))
                .as("the original headers are kept").startsWith("t");
        assertThat(connectors.metrics().get("to-http").deadLettered()).isEqualTo(10);
        List<Integer> accountedFor = new ArrayList<>(receivedIds());
        deadLetters.forEach(record -> accountedFor.add(idOf(ConnectorTestSupport.text(record.value()))));
        assertThat(assertAllDelivered(accountedFor, 100)).as("records both accepted and dead-lettered").isZero();
    }

    @Test
    void serverDownMidRunLosesNothing() throws Exception {
        serve(0, request -> 200, null);
        int port = server.getAddress().getPort();
        String topic = topicWith(2_000);
        AppConfig config = config(unique("http"), ConnectorConfig.of("to-http", topic, "http", Source.TOPIC,
                Map.of("url", url(), "batch-size", "50", "retry.backoff", "50ms", "retry.max-backoff", "200ms",
                        "retry.attempts", "3")));

        Connectors connectors = start(config, broker.bootstrapServers());
        try {
            await("the first records", Duration.ofSeconds(20), () -> received.size() >= 200);
            server.stop(0);
            int before = received.size();
            Thread.sleep(1_500);
            serve(port, request -> 200, null);
            await("all 2,000 records after the restart", Duration.ofSeconds(30), () -> received.size() >= 2_000);
            assertThat(before).as("records before the outage").isLessThan(2_000);
        } finally {
            connectors.stop(Duration.ofSeconds(5));
        }

        int duplicates = assertAllDelivered(receivedIds(), 2_000);
        assertThat(duplicates).as("copies: at most the batch in flight when the server stopped").isLessThanOrEqualTo(50);
        assertThat(connectors.metrics().get("to-http").deadLettered()).as("nothing dead-lettered for an outage").isZero();
    }

    @Test
    void unreachableEndpointFailsAtStart() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String topic = topicWith(0);
        AppConfig config = config(unique("http"), ConnectorConfig.of("to-http", topic, "http", Source.TOPIC,
                Map.of("url", "http://127.0.0.1:" + closedPort + "/quakes", "timeout", "2s")));

        assertThatThrownBy(() -> start(config, broker.bootstrapServers()))
                .isInstanceOf(ConnectorStartException.class)
                .hasMessageContaining("connector 'to-http' (type http) failed to open its target")
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageContaining("check 'url'")
                .satisfies(e -> assertThat(e.getMessage().split("connector 'to-http'", -1)).as(e.getMessage()).hasSize(2));
    }
}
