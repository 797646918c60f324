package io.flume.api;

/** What a channel does when its queue is full and a record has waited {@code stream_timeout}. */
public enum OverflowPolicy {
    /** Keep waiting: the bridge pauses the topic's partitions until the application takes records. */
    BLOCK,
    /** Remove the oldest queued record to make room; the removed record is counted and logged. */
    DROP_OLDEST,
    /** Send the waiting record to the dead-letter topic, with a header naming the channel. */
    DEAD_LETTER
}
