package io.flume.runtime.inline;

import java.util.List;

/**
 * The failure of a {@code contest} in which no child returned a result that satisfies the
 * predicate. The message lists each child's path with its result or error; the exceptions of the
 * children that failed are attached as suppressed exceptions, in child order.
 */
public final class ContestFailedException extends Exception {

    public ContestFailedException(String message, List<Throwable> childErrors) {
        super(message);
        childErrors.forEach(this::addSuppressed);
    }
}
