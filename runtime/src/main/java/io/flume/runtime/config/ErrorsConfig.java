package io.flume.runtime.config;

/**
 * The destination and handling of failures that the schema does not handle.
 *
 * @param deadLetterTopic the dead-letter topic; null means {@code <application-id>.dead-letter}
 * @param onUnhandled what to do with a record whose failure the schema does not handle
 */
public record ErrorsConfig(String deadLetterTopic, OnUnhandled onUnhandled) {

    /** Dead-letter topic named after the application, unhandled failures dead-lettered. */
    public static final ErrorsConfig DEFAULTS = new ErrorsConfig(null, null);

    public ErrorsConfig {
        if (deadLetterTopic != null) {
            TopicNames.check("errors.dead-letter-topic", deadLetterTopic);
        }
        onUnhandled = onUnhandled == null ? ConfigKeys.DEFAULT_ON_UNHANDLED : onUnhandled;
    }
}
