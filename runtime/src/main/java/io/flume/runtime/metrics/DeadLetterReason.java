package io.flume.runtime.metrics;

/** The cause of a dead-letter record, and the {@code reason} tag of the dead-letter meter. */
public enum DeadLetterReason {
    /** A record failed in the pipeline and no node of the schema handled the failure. */
    UNHANDLED_FAILURE("unhandled_failure"),
    /** Kafka Streams could not deserialize a source record. */
    POISON_PILL("poison_pill"),
    /** Kafka Streams could not produce a record to its topic. */
    PRODUCTION_FAILURE("production_failure"),
    /** A bridged channel with the {@code dead-letter} overflow policy stayed full. */
    CHANNEL_OVERFLOW("channel_overflow");

    private final String tag;

    DeadLetterReason(String tag) {
        this.tag = tag;
    }

    /** Returns the tag value, such as {@code poison_pill}. */
    public String tag() {
        return tag;
    }
}
