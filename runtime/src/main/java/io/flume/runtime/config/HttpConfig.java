package io.flume.runtime.config;

import java.util.Objects;

/**
 * The {@code http} section: where the runner serves {@code /health}, {@code /metrics},
 * {@code /topology} and {@code /schema}. Without the section there is no endpoint.
 *
 * @param host the address to bind, {@value ConfigKeys#DEFAULT_HTTP_HOST} by default, so that the
 *     endpoint is reachable from this machine only unless the config sets another
 * @param port the TCP port, from 1 to 65535, or 0 for a free port chosen at start
 */
public record HttpConfig(String host, int port) {

    public HttpConfig {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException(ConfigKeys.HTTP + "." + ConfigKeys.HTTP_HOST + " must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(ConfigKeys.HTTP + "." + ConfigKeys.HTTP_PORT
                    + " must be between 0 and 65535, got " + port);
        }
    }

    /** Returns the endpoint on {@code port} of {@value ConfigKeys#DEFAULT_HTTP_HOST}. */
    public static HttpConfig onPort(int port) {
        return new HttpConfig(ConfigKeys.DEFAULT_HTTP_HOST, port);
    }
}
