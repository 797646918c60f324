package io.flume.events;

import io.flume.ComponentKind;
import java.time.Duration;
import java.time.Instant;

/**
 * A lifecycle signal of a {@link io.flume.Flume} registry, delivered to its
 * {@link FlumeListener}s in the order it happened.
 *
 * <p>{@code schema} fields name the schema an operation worked on: its registered name for
 * {@code setSchema}, otherwise the file it came from ({@code <inline>} for a schema built in
 * code). Durations are wall-clock times measured with {@link System#nanoTime()}.
 */
public sealed interface FlumeEvent {

    /** Returns when the event happened. */
    Instant time();

    /** A component was added, or replaced under the same name. */
    record ComponentRegistered(Instant time, ComponentKind kind, String name) implements FlumeEvent {
    }

    /** A component was removed. */
    record ComponentRemoved(Instant time, ComponentKind kind, String name) implements FlumeEvent {
    }

    /** Validation of a schema started. */
    record ValidationStarted(Instant time, String schema) implements FlumeEvent {
    }

    /** A schema passed validation, possibly with warnings. */
    record ValidationCompleted(Instant time, String schema, Duration duration, int warningCount) implements FlumeEvent {
    }

    /** A schema failed validation; {@code error} is the first error, {@code errorCount} counts them all. */
    record ValidationFailed(Instant time, String schema, Duration duration, int errorCount, String error) implements FlumeEvent {
    }

    /** Compilation of a validated schema started. */
    record BuildStarted(Instant time, String schema) implements FlumeEvent {
    }

    /** A schema was compiled. */
    record BuildCompleted(Instant time, String schema, Duration duration) implements FlumeEvent {
    }

    /** A validated schema did not compile. */
    record BuildFailed(Instant time, String schema, Duration duration, String error) implements FlumeEvent {
    }

    /** A schema was registered under a new name, as version 1. */
    record SchemaRegistered(Instant time, String name, int version) implements FlumeEvent {
    }

    /** A named schema was replaced by a new version. */
    record SchemaUpdated(Instant time, String name, int oldVersion, int newVersion) implements FlumeEvent {
    }

    /** A named schema was removed; {@code version} is the version it had. */
    record SchemaRemoved(Instant time, String name, int version) implements FlumeEvent {
    }

    /** A schema file was read and parsed; {@code size} is its length in bytes. */
    record FileLoaded(Instant time, String path, long size, Duration duration) implements FlumeEvent {
    }

    /** A schema file could not be read. */
    record FileFailed(Instant time, String path, String error) implements FlumeEvent {
    }

    /** A schema file was read but is not a valid schema document; {@code error} names the line. */
    record ParseFailed(Instant time, String path, String error) implements FlumeEvent {
    }
}
