package io.flume.runtime.errors;

import io.flume.runtime.metrics.FlumeMetrics;
import java.util.Map;

/**
 * The Streams properties that Flume's exception handlers read. The runner and the test driver
 * set them; {@link #METRICS} carries the application's {@link FlumeMetrics} object itself, since
 * Kafka Streams passes configured objects through to the handlers unchanged.
 */
public record ErrorHandlerConfig(String deadLetterTopic, UnhandledFailureMode mode, FlumeMetrics metrics) {

    public static final String DEAD_LETTER_TOPIC = "flume.errors.dead-letter-topic";
    public static final String ON_UNHANDLED = "flume.errors.on-unhandled";
    public static final String METRICS = "flume.metrics";

    static ErrorHandlerConfig from(Map<String, ?> configs) {
        Object topic = configs.get(DEAD_LETTER_TOPIC);
        if (topic == null) {
            throw new IllegalStateException("the Flume exception handlers need the Streams property " + DEAD_LETTER_TOPIC
                    + "; set it to the dead-letter topic's name");
        }
        Object mode = configs.get(ON_UNHANDLED);
        Object metrics = configs.get(METRICS);
        return new ErrorHandlerConfig(topic.toString(),
                mode == null ? UnhandledFailureMode.DEAD_LETTER : UnhandledFailureMode.fromConfig(mode.toString()),
                metrics instanceof FlumeMetrics flumeMetrics ? flumeMetrics : null);
    }
}
