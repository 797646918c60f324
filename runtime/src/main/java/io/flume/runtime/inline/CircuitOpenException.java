package io.flume.runtime.inline;

import java.time.Instant;

/**
 * Fails a record that a {@code circuit-breaker} node let not through: the circuit is open, or
 * half-open with its one trial record still running.
 */
public final class CircuitOpenException extends RuntimeException {

    private final String nodePath;
    private final Instant openUntil;

    public CircuitOpenException(String nodePath, Instant openUntil, String message) {
        super(message);
        this.nodePath = nodePath;
        this.openUntil = openUntil;
    }

    /** Returns the schema path of the circuit-breaker node. */
    public String nodePath() {
        return nodePath;
    }

    /** Returns when the circuit lets a trial record through; null while a trial is running. */
    public Instant openUntil() {
        return openUntil;
    }
}
