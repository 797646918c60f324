package io.flume.runtime.envelope;

import java.time.Instant;

/**
 * Why a record failed: the exception, the node that threw it and the value that node received,
 * and, for the failure of a {@code retry} node's last run, the failure of its first run.
 *
 * @param error the exception the node threw
 * @param nodeName the node's stable name
 * @param nodePath the node's schema path
 * @param attempts how many times the node ran
 * @param time when the failure happened
 * @param input the value as the failing node received it
 * @param firstFailure the failure of the first run, when this failure left a {@code retry} node
 *                     that ran its child more than once; null otherwise
 */
public record NodeFailure(Throwable error, String nodeName, String nodePath, int attempts, Instant time, Object input,
                          Envelope.FirstFailure firstFailure) {

    /** Creates a failure without a first failure: one that no retry node gave up on. */
    public NodeFailure(Throwable error, String nodeName, String nodePath, int attempts, Instant time, Object input) {
        this(error, nodeName, nodePath, attempts, time, input, null);
    }

    /** Returns this failure as a first failure: exception class, message and node path. */
    public Envelope.FirstFailure asFirstFailure() {
        return new Envelope.FirstFailure(error.getClass().getName(), message(), nodePath);
    }

    /** Returns the exception's message, or its class name when it has none. */
    public String message() {
        String message = error.getMessage();
        return message == null ? error.getClass().getName() : message;
    }
}
