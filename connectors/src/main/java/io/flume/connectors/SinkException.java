package io.flume.connectors;

/**
 * A failure to write to a sink's target. A transient failure (a lost connection, a timeout, an
 * HTTP 5xx or 429) is retried with backoff; a permanent one (a record the target rejects, an HTTP
 * 4xx) sends the record to the dead-letter topic.
 */
public class SinkException extends Exception {

    private final boolean transientFailure;

    public SinkException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public static SinkException transientFailure(String message, Throwable cause) {
        return new SinkException(message, true, cause);
    }

    public static SinkException permanentFailure(String message, Throwable cause) {
        return new SinkException(message, false, cause);
    }

    /** Returns true when trying again later may succeed. */
    public boolean isTransient() {
        return transientFailure;
    }
}
