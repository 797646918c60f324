package io.flume.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flume.runtime.config.HttpConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoint of a running application, on one port of the JDK's HTTP server, with
 * one daemon thread. Routes, for GET and HEAD only (other methods get 405, other paths 404):
 *
 * <ul>
 *   <li>{@code /health}: 200 while Kafka Streams is RUNNING or REBALANCING, else 503; a JSON body
 *       with the state, the application id and the channels' depth and capacity.
 *   <li>{@code /metrics}: the meters in the Prometheus text format.
 *   <li>{@code /topology}: the topology as text; {@code ?format=mermaid} as a Mermaid flowchart.
 *   <li>{@code /schema}: the active schema as JSON with its name, version, source and text; 404
 *       when the application has none.
 * </ul>
 *
 * <p>The content of every route is read from suppliers at request time, so that a reload that
 * replaces the topology or schema shows at once.
 */
public final class HttpEndpoint implements AutoCloseable {

    /** The Prometheus text exposition format, version 0.0.4. */
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger LOG = LoggerFactory.getLogger(HttpEndpoint.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEXT = "text/plain; charset=utf-8";

    /**
     * The schema an application runs.
     *
     * @param name the schema's name; {@code default} for an application with one unnamed schema
     * @param version the schema's {@code version} key, or a content hash when it has none
     * @param source the file the schema came from, or {@code <inline>}
     * @param text the schema's text as written
     */
    public record SchemaDocument(String name, String version, String source, String text) {
    }

    private final String applicationId;
    private final Supplier<KafkaStreams.State> state;
    private final Supplier<Map<String, Object>> healthDetails;
    private final Supplier<String> metrics;
    private final Supplier<String> topologyText;
    private final Supplier<String> topologyMermaid;
    private final Supplier<Optional<SchemaDocument>> schema;
    private final HttpServer server;
    private final ExecutorService executor;

    private HttpEndpoint(Builder builder, HttpServer server, ExecutorService executor) {
        this.applicationId = builder.applicationId;
        this.state = builder.state;
        this.healthDetails = builder.healthDetails;
        this.metrics = builder.metrics;
        this.topologyText = builder.topologyText;
        this.topologyMermaid = builder.topologyMermaid;
        this.schema = builder.schema;
        this.server = server;
        this.executor = executor;
    }

    public static Builder builder(String applicationId, HttpConfig config) {
        return new Builder(applicationId, config);
    }

    /** Returns the port the endpoint listens on, the chosen one when the config requested port 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Returns the base address of the endpoint, such as {@code http://127.0.0.1:8080}. */
    public String baseUrl() {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getHostString() + ":" + address.getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, TEXT, "method " + exchange.getRequestMethod() + " is not allowed; use GET\n");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/health" -> health(exchange);
                case "/metrics" -> send(exchange, 200, PROMETHEUS_CONTENT_TYPE, metrics.get());
                case "/topology" -> topology(exchange);
                case "/schema" -> schema(exchange);
                default -> send(exchange, 404, TEXT, "no route " + path + "; routes: /health, /metrics, /topology, /schema\n");
            }
        } catch (RuntimeException e) {
            LOG.warn("HTTP endpoint of {} failed to answer {} {}", applicationId, exchange.getRequestMethod(),
                    exchange.getRequestURI(), e);
            send(exchange, 500, TEXT, "internal error: " + e + "\n");
        } finally {
            exchange.close();
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        KafkaStreams.State current = state.get();
        boolean up = current == KafkaStreams.State.RUNNING || current == KafkaStreams.State.REBALANCING;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("state", current.name());
        body.put("application", applicationId);
        body.putAll(healthDetails.get());
        send(exchange, up ? 200 : 503, "application/json", JSON.writeValueAsString(body) + "\n");
    }

    private void topology(HttpExchange exchange) throws IOException {
        String format = queryParameter(exchange, "format").orElse("text");
        switch (format) {
            case "text" -> send(exchange, 200, TEXT, topologyText.get());
            case "mermaid" -> send(exchange, 200, TEXT, topologyMermaid.get());
            default -> send(exchange, 400, TEXT, "invalid format '" + format + "'; use format=text or format=mermaid\n");
        }
    }

    private void schema(HttpExchange exchange) throws IOException {
        Optional<SchemaDocument> document = schema.get();
        if (document.isEmpty()) {
            send(exchange, 404, TEXT, "application " + applicationId + " runs a topology without a Flume schema\n");
            return;
        }
        send(exchange, 200, "application/json", JSON.writeValueAsString(document.get()) + "\n");
    }

    private static Optional<String> queryParameter(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return Optional.of(pair.substring(equals + 1));
            }
        }
        return Optional.empty();
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Stops accepting requests, closes open exchanges and stops the thread. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("HTTP endpoint thread of {} did not stop within 5 s", applicationId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("HTTP endpoint of {} stopped", applicationId);
    }

    /** Settings of an {@link HttpEndpoint}. Every content supplier has a default that states what is missing. */
    public static final class Builder {
        private final String applicationId;
        private final HttpConfig config;
        private Supplier<KafkaStreams.State> state = () -> KafkaStreams.State.CREATED;
        private Supplier<Map<String, Object>> healthDetails = Map::of;
        private Supplier<String> metrics = () -> "";
        private Supplier<String> topologyText = () -> "no topology\n";
        private Supplier<String> topologyMermaid = () -> "flowchart LR\n";
        private Supplier<Optional<SchemaDocument>> schema = Optional::empty;

        private Builder(String applicationId, HttpConfig config) {
            this.applicationId = Objects.requireNonNull(applicationId, "applicationId");
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Sets where {@code /health} reads the Kafka Streams state. */
        public Builder state(Supplier<KafkaStreams.State> state) {
            this.state = Objects.requireNonNull(state, "state");
            return this;
        }

        /** Sets further fields of the {@code /health} body, such as the channels' depths. */
        public Builder healthDetails(Supplier<Map<String, Object>> details) {
            this.healthDetails = Objects.requireNonNull(details, "details");
            return this;
        }

        /** Sets where {@code /metrics} reads its Prometheus text, such as a registry's {@code scrape()}. */
        public Builder metrics(Supplier<String> prometheusText) {
            this.metrics = Objects.requireNonNull(prometheusText, "prometheusText");
            return this;
        }

        public Builder topology(Supplier<String> text, Supplier<String> mermaid) {
            this.topologyText = Objects.requireNonNull(text, "text");
            this.topologyMermaid = Objects.requireNonNull(mermaid, "mermaid");
            return this;
        }

        public Builder schema(Supplier<Optional<SchemaDocument>> schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        /**
         * Binds the port and starts serving.
         *
         * @throws UncheckedIOException when the port cannot be bound, such as when it is in use
         */
        public HttpEndpoint start() {
            HttpServer server;
            try {
                server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
            } catch (IOException e) {
                throw new UncheckedIOException("failed to start the HTTP endpoint of " + applicationId + " on "
                        + config.host() + ":" + config.port() + ": " + e.getMessage()
                        + "; check that http.host is an address of this machine (such as 127.0.0.1 or 0.0.0.0), and choose "
                        + "another http.port (or --http-port) if the port is in use", e);
            }
            ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "flume-http-" + applicationId);
                thread.setDaemon(true);
                return thread;
            });
            HttpEndpoint endpoint = new HttpEndpoint(this, server, executor);
            server.createContext("/", endpoint::handle);
            server.setExecutor(executor);
            server.start();
            LOG.info("HTTP endpoint of {} listens on {}", applicationId, endpoint.baseUrl());
            return endpoint;
        }
    }
}
