package io.flume.runtime.gather;

/**
 * The error a reducer receives for a failed child when the child's original exception is no
 * longer in memory, because the gather completed after a restart or a rebalance. It carries the
 * original exception's class name and message.
 */
public final class ReportedFailureException extends Exception {

    private final String originalClass;

    public ReportedFailureException(String originalClass, String message, String nodePath) {
        super(originalClass + ": " + message + " (at " + nodePath + ")");
        this.originalClass = originalClass;
    }

    /** Returns the class name of the exception the child threw. */
    public String originalClass() {
        return originalClass;
    }
}
