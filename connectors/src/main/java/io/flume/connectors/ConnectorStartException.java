package io.flume.connectors;

/** Thrown when a connector cannot start: its config is invalid or its target cannot be reached. */
public final class ConnectorStartException extends RuntimeException {

    public ConnectorStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
