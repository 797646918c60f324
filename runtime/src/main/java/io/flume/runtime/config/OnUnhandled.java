package io.flume.runtime.config;

/**
 * The handling of a record whose failure the schema does not handle, set by
 * {@code errors.on-unhandled}.
 */
public enum OnUnhandled {
    /** Write the record to the dead-letter topic with the failure headers and go on. */
    DEAD_LETTER,
    /** Stop the application, as Kafka Streams does by default. */
    FAIL,
    /** Log the failure and go on without the record. */
    LOG
}
