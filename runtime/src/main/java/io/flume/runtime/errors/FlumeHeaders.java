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
    /**
     * On dead-letter records of a failure that a {@code retry} node gave up on after more than one
     * run: the exception class of the first run's failure. The {@code flume.error.*} headers above
     * describe the last run's failure.
     */
    public static final String ERROR_FIRST_CLASS = "flume.error.first.class";
    /** The message of the first run's failure, next to {@link #ERROR_FIRST_CLASS}. */
    public static final String ERROR_FIRST_MESSAGE = "flume.error.first.message";
    /** The schema path of the node that failed the first run, next to {@link #ERROR_FIRST_CLASS}. */
    public static final String ERROR_FIRST_PATH = "flume.error.first.path";
    public static final String SOURCE_TOPIC = "flume.source.topic";
    public static final String SOURCE_PARTITION = "flume.source.partition";
    public static final String SOURCE_OFFSET = "flume.source.offset";
    /** The channel whose overflow policy sent the record to the dead-letter topic. */
    public static final String CHANNEL = "flume.channel";
    /** The connector that sent the record to the dead-letter topic because its target rejected it. */
    public static final String CONNECTOR = "flume.connector";

    /** On a retry topic's records: the attempt the record is waiting for (2 for the first retry), decimal. */
    public static final String RETRY_ATTEMPT = "flume.retry.attempt";
    /** On a retry topic's records: when the attempt falls due, in epoch milliseconds, decimal. */
    public static final String RETRY_DUE = "flume.retry.due";
    /** On a retry topic's records: the exception class of the retry node's first failed attempt. */
    public static final String RETRY_FIRST_ERROR_CLASS = "flume.retry.first-error.class";
    /** On a retry topic's records: the message of the first failed attempt. */
    public static final String RETRY_FIRST_ERROR_MESSAGE = "flume.retry.first-error.message";
    /** On a retry topic's records: the schema path of the node that failed the first attempt. */
    public static final String RETRY_FIRST_ERROR_PATH = "flume.retry.first-error.path";
    /**
     * On a retry topic's records: the saved inputs of the failure-handling nodes around the retry
     * node (binary, see {@code io.flume.runtime.retry.FrameCodec}), so that a failure after the
     * last attempt still reaches an enclosing {@code fallback} or {@code handle}.
     */
    public static final String RETRY_FRAMES = "flume.retry.frames";
    /**
     * The topic, partition and offset of the source record that a retried record came from, so
     * that processors and dead-letter records of later attempts can name it.
     */
    public static final String RETRY_SOURCE_TOPIC = "flume.retry.source.topic";
    public static final String RETRY_SOURCE_PARTITION = "flume.retry.source.partition";
    public static final String RETRY_SOURCE_OFFSET = "flume.retry.source.offset";
    /** The prefix of every retry header; records released from a retry store lose these headers. */
    public static final String RETRY_PREFIX = "flume.retry.";

    private FlumeHeaders() {
    }
}
