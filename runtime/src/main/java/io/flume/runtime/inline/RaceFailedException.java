package io.flume.runtime.inline;

import java.util.List;

/**
 * The failure of a {@code race} whose children all failed. The message lists each child's path
 * and error; the children's exceptions are attached as suppressed exceptions, in child order.
 */
public final class RaceFailedException extends Exception {

    public RaceFailedException(String message, List<Throwable> childErrors) {
        super(message);
        childErrors.forEach(this::addSuppressed);
    }
}
