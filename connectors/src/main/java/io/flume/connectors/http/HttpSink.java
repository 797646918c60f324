package io.flume.connectors.http;

import io.flume.connectors.Sink;
import io.flume.connectors.SinkException;
import io.flume.connectors.SinkRecord;
import io.flume.connectors.WriteResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends records to an HTTP endpoint with the JDK {@link HttpClient}: in {@code record} mode the
 * value of each record is the body of one request; in {@code batch} mode one request carries a
 * JSON array of the batch's values, so the values must be JSON.
 *
 * <p>A 2xx status means written. 429 and 5xx, timeouts and I/O errors are transient, and a
 * {@code Retry-After} header (seconds or an HTTP date) sets the delay before the runner's next
 * try. Any other status is permanent: the record, or in batch mode each record once the runner
 * has sent them one by one, goes to the dead-letter topic.
 */
final class HttpSink implements Sink {

    /** The mapping of records to requests. */
    enum Mode { RECORD, BATCH }

    private static final byte[] NULL_JSON = "null".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_BODY_IN_MESSAGE = 200;

    private final String connector;
    private final URI url;
    private final String method;
    private final Map<String, String> headers;
    private final Mode mode;
    private final Duration timeout;
    private final int concurrency;
    private HttpClient client;
    private ExecutorService executor;

    HttpSink(String connector, URI url, String method, Map<String, String> headers, Mode mode, Duration timeout, int concurrency) {
        this.connector = connector;
        this.url = url;
        this.method = method;
        this.headers = Map.copyOf(headers);
        this.mode = mode;
        this.timeout = timeout;
        this.concurrency = concurrency;
    }

    /**
     * Creates the client and checks that the endpoint responds to a {@code HEAD} request. Any status
     * counts as a response, because many endpoints accept only their write method. Only a
     * connection failure or a timeout fails the open.
     */
    @Override
    public void open() throws SinkException {
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "flume-connector-" + connector + "-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        client = HttpClient.newBuilder()
                .executor(executor)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest probe = HttpRequest.newBuilder(url).timeout(timeout).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        try {
            client.send(probe, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw SinkException.permanentFailure("the HTTP endpoint " + url + " did not respond (" + e
                    + "); check 'url' and that the server is up and reachable from this host", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SinkException.permanentFailure("interrupted while checking the HTTP endpoint " + url, e);
        }
    }

    @Override
    public WriteResult write(List<SinkRecord> batch) throws SinkException {
        if (mode == Mode.BATCH) {
            HttpResponse<String> response = await(client.sendAsync(request(jsonArray(batch)), HttpResponse.BodyHandlers.ofString()));
            SinkException failure = classify(response);
            if (failure != null) {
                throw failure;
            }
            return WriteResult.allWritten();
        }
        Map<Integer, SinkException> failures = new HashMap<>();
        for (int from = 0; from < batch.size(); from += concurrency) {
            int to = Math.min(batch.size(), from + concurrency);
            @SuppressWarnings("unchecked")
            CompletableFuture<HttpResponse<String>>[] requests = new CompletableFuture[to - from];
            for (int i = from; i < to; i++) {
                byte[] value = batch.get(i).value();
                requests[i - from] = client.sendAsync(request(value == null ? NULL_JSON : value), HttpResponse.BodyHandlers.ofString());
            }
            for (int i = from; i < to; i++) {
                try {
                    SinkException failure = classify(await(requests[i - from]));
                    if (failure != null) {
                        failures.put(i, failure);
                    }
                } catch (SinkException e) {
                    failures.put(i, e);
                }
            }
        }
        return WriteResult.withFailures(failures);
    }

    private HttpRequest request(byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Content-Type"))) {
            builder.header("Content-Type", "application/json");
        }
        headers.forEach(builder::header);
        return builder.build();
    }

    private static byte[] jsonArray(List<SinkRecord> batch) {
        int size = 2;
        for (SinkRecord record : batch) {
            size += (record.value() == null ? NULL_JSON.length : record.value().length) + 1;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(size);
        body.write('[');
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                body.write(',');
            }
            byte[] value = batch.get(i).value();
            body.writeBytes(value == null ? NULL_JSON : value);
        }
        body.write(']');
        return body.toByteArray();
    }

    private HttpResponse<String> await(CompletableFuture<HttpResponse<String>> request) throws SinkException {
        try {
            return request.get();
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw SinkException.transientFailure(method + " " + url + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.cancel(true);
            throw SinkException.transientFailure("interrupted while waiting for " + method + " " + url, e);
        }
    }

    /** Returns null for a 2xx status, else the failure the status means. */
    private SinkException classify(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return null;
        }
        String message = method + " " + url + " returned " + status + bodyExcerpt(response.body());
        if (status == 429 || status >= 500) {
            return new SinkException(message, true, null, retryAfter(response).orElse(null));
        }
        return SinkException.permanentFailure(message + "; the endpoint rejects the record, so retrying cannot help", null);
    }

    private static String bodyExcerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return ": " + (oneLine.length() > MAX_BODY_IN_MESSAGE ? oneLine.substring(0, MAX_BODY_IN_MESSAGE) + "..." : oneLine);
    }

    /** Reads {@code Retry-After} as seconds or as an HTTP date; the runner bounds it by {@code retry.max-backoff}. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration delay = Duration.between(ZonedDateTime.now(when.getZone()), when);
                return Optional.of(delay.isNegative() ? Duration.ZERO : delay);
            } catch (DateTimeParseException unreadable) {
                return Optional.empty();
            }
        }
    }

    @Override
    public void close() {
        if (client != null) {
            // HttpClient is AutoCloseable from Java 21 on; on Java 17 its selector thread ends once the client is unreachable.
            if (client instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    // Closing only releases connections; nothing is left to write.
                }
            }
            client = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public String toString() {
        return "http sink of connector " + connector + " to " + url;
    }
}
