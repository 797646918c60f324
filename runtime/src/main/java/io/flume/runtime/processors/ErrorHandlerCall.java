package io.flume.runtime.processors;

import io.flume.api.ErrorHandler;
import io.flume.api.FailedRecord;
import io.flume.runtime.envelope.NodeFailure;
import java.time.Instant;

/**
 * Calls the error handler of a {@code handle} node, for both back-ends.
 *
 * <p>The handler receives the value as the failing node received it, the exception, the failing
 * node's path and its attempt count. When it returns a value, the record recovers with it. When
 * it throws, or returns null, the record fails again, at the {@code handle} node: the new
 * failure carries the {@code handle} node's name and path, the handler's exception (with the
 * original exception as its cause when the handler's exception has none, else as a suppressed
 * exception), the original attempt count, and the value the {@code handle} node received as the
 * dead-letter value. A handler that rethrows the original exception keeps it unchanged.
 */
public final class ErrorHandlerCall {

    /** What the handler decided: a value to continue with, or a new failure. */
    public record Outcome<T>(T value, NodeFailure failure) {
        public boolean recovered() {
            return failure == null;
        }
    }

    private ErrorHandlerCall() {
    }

    /**
     * Runs {@code handler} on {@code failure}.
     *
     * @param node the {@code handle} node
     * @param handlerName the registered name, for the message when the handler returns null
     * @param nodeInput the value the {@code handle} node received
     */
    public static <T> Outcome<T> call(ErrorHandler<T> handler, String handlerName, NodeId node, NodeFailure failure, T nodeInput) {
        @SuppressWarnings("unchecked")
        T failedValue = (T) failure.input();
        Throwable error;
        try {
            T recovered = handler.handle(new FailedRecord<>(failedValue, failure.error(), failure.nodePath(), failure.attempts()));
            if (recovered != null) {
                return new Outcome<>(recovered, null);
            }
            error = new IllegalStateException("error handler '" + handlerName + "' returned null for the failure at "
                    + failure.nodePath() + "; return a value to recover, or throw to keep the record failed");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            error = e;
        }
        attachOriginal(error, failure.error());
        return new Outcome<>(null, new NodeFailure(error, node.name(), node.path(), failure.attempts(), Instant.now(), nodeInput));
    }

    private static void attachOriginal(Throwable error, Throwable original) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause == original) {
                return;
            }
        }
        if (error.getCause() == null) {
            try {
                error.initCause(original);
                return;
            } catch (IllegalStateException | IllegalArgumentException e) {
                // The exception was created with an explicit null cause; attach it another way.
            }
        }
        error.addSuppressed(original);
    }
}
