package io.flume.connectors;

import java.util.Map;
import java.util.Objects;

/**
 * What became of a batch: every record was written, except those listed in {@link #failures()}
 * by their index in the batch.
 */
public final class WriteResult {

    private static final WriteResult ALL_WRITTEN = new WriteResult(Map.of());

    private final Map<Integer, SinkException> failures;

    private WriteResult(Map<Integer, SinkException> failures) {
        this.failures = Map.copyOf(failures);
    }

    public static WriteResult allWritten() {
        return ALL_WRITTEN;
    }

    /** Returns a result in which the records at the given batch indexes failed with the given errors. */
    public static WriteResult withFailures(Map<Integer, SinkException> failures) {
        Objects.requireNonNull(failures, "failures");
        return failures.isEmpty() ? ALL_WRITTEN : new WriteResult(failures);
    }

    /** Returns the failed records by batch index; a transient failure is retried, a permanent one dead-lettered. */
    public Map<Integer, SinkException> failures() {
        return failures;
    }

    public boolean isAllWritten() {
        return failures.isEmpty();
    }
}
