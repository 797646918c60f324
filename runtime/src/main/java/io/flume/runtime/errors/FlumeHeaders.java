package io.flume.runtime.errors;

/** Names of the headers Flume writes on dead-letter records and channel overflow records. */
public final class FlumeHeaders {

    /** The failing node's stable name; for a {@code ref} it contains the processor's name. */
    public static final String ERROR_NODE = "flume.error.node";
    /** The failing node's schema path, such as {@code root.children[2].then}. */
    public static final String ERROR_PATH = "flume.error.path";
    public static final String ERROR_CLASS = "flume.error.class";
    public static final String ERROR_MESSAGE = "flume.error.message";
    /** How many times the failing node ran, as a decimal string. */
    public static final String ERROR_ATTEMPTS = "flume.error.attempts";
    /** When the record failed, as an ISO-8601 instant. */
    public static final String ERROR_TIME = "flume.error.time";
    public static final String SOURCE_TOPIC = "flume.source.topic";
    public static final String SOURCE_PARTITION = "flume.source.partition";
    public static final String SOURCE_OFFSET = "flume.source.offset";
    /** The channel whose overflow policy sent the record to the dead-letter topic. */
    public static final String CHANNEL = "flume.channel";

    private FlumeHeaders() {
    }
}
