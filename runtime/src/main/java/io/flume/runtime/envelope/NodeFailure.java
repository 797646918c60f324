package io.flume.runtime.envelope;

import java.time.Instant;

/**
 * Why a record failed: the exception, the node that threw it and the value that node received.
 *
 * @param error the exception the node threw
 * @param nodeName the node's stable name
 * @param nodePath the node's schema path
 * @param attempts how many times the node ran
 * @param time when the failure happened
 * @param input the value as the failing node received it
 */
public record NodeFailure(Throwable error, String nodeName, String nodePath, int attempts, Instant time, Object input) {

    /** Returns the exception's message, or its class name when it has none. */
    public String message() {
        String message = error.getMessage();
        return message == null ? error.getClass().getName() : message;
    }
}
