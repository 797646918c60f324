package io.flume.connectors.http;

import io.flume.connectors.ConnectorSettings;
import io.flume.connectors.Sink;
import io.flume.connectors.SinkFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Creates {@code http} sinks from {@code url}, {@code method}, {@code headers}, {@code mode}, {@code timeout} and {@code concurrency}. */
public final class HttpSinkFactory implements SinkFactory {

    static final String URL = "url";
    static final String METHOD = "method";
    static final String HEADERS = "headers";
    static final String MODE = "mode";
    static final String TIMEOUT = "timeout";
    static final String CONCURRENCY = "concurrency";

    static final String DEFAULT_METHOD = "POST";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final int DEFAULT_CONCURRENCY = 1;

    @Override
    public String type() {
        return "http";
    }

    @Override
    public Sink create(ConnectorSettings settings) {
        URI url = readUrl(settings);
        String method = settings.string(METHOD, DEFAULT_METHOD).trim().toUpperCase(Locale.ROOT);
        if (!method.equals("POST") && !method.equals("PUT") && !method.equals("PATCH")) {
            throw settings.invalid(METHOD, "must be POST, PUT or PATCH", method);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        settings.map(HEADERS).forEach((name, value) -> {
            if (value instanceof Map || value instanceof Iterable) {
                throw settings.invalid(HEADERS, "must map each header name to a single value; '" + name + "' has a nested value",
                        null);
            }
            headers.put(name, value == null ? "" : value.toString());
        });
        HttpSink.Mode mode = readMode(settings);
        Duration timeout = settings.duration(TIMEOUT, DEFAULT_TIMEOUT);
        if (timeout.isZero()) {
            throw settings.invalid(TIMEOUT, "must be longer than zero", settings.string(TIMEOUT, null));
        }
        int concurrency = settings.intValue(CONCURRENCY, DEFAULT_CONCURRENCY, 1, 256);
        return new HttpSink(settings.connector(), url, method, headers, mode, timeout, concurrency);
    }

    private static URI readUrl(ConnectorSettings settings) {
        String text = settings.requireString(URL);
        try {
            URI url = new URI(text.trim());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
                throw settings.invalid(URL, "must be an http:// or https:// URL with a host", text);
            }
            return url;
        } catch (URISyntaxException e) {
            throw settings.invalid(URL, "is not a valid URL (" + e.getReason() + ")", text);
        }
    }

    private static HttpSink.Mode readMode(ConnectorSettings settings) {
        String text = settings.string(MODE, "record").trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "record" -> HttpSink.Mode.RECORD;
            case "batch" -> HttpSink.Mode.BATCH;
            default -> throw settings.invalid(MODE, "must be record (one request per record) or batch (a JSON array per request)",
                    text);
        };
    }
}
