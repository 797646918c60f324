package io.flume.runtime.errors;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What happens to a record whose failure no node of the schema handled ({@code errors.on-unhandled}). */
public enum UnhandledFailureMode {
    /** Send the record to the dead-letter topic and go on (the default). */
    DEAD_LETTER("dead-letter"),
    /** Stop the application, as Kafka Streams does by default for an exception in a processor. */
    FAIL("fail"),
    /** Log and count the failure, and go on without writing the record anywhere. */
    LOG("log");

    private final String configValue;

    UnhandledFailureMode(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    /** Parses a config value such as {@code dead-letter}, naming the accepted values when it is wrong. */
    public static UnhandledFailureMode fromConfig(String value) {
        for (UnhandledFailureMode mode : values()) {
            if (mode.configValue.equals(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("invalid errors.on-unhandled value '" + value + "': use one of "
                + Arrays.stream(values()).map(UnhandledFailureMode::configValue).collect(Collectors.joining(", ")));
    }
}
