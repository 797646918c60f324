package io.flume.runtime.channel;

import io.flume.api.OverflowPolicy;

/**
 * A point-in-time view of one channel and its bridge, for health checks and metrics. The counters
 * grow from the bridge's start; the fields are read one after another while the bridge runs, so
 * they need not add up exactly.
 *
 * @param name the channel's name, which is the stream's name
 * @param topic the topic the bridge reads
 * @param groupId the bridge's consumer group id
 * @param policy the channel's overflow policy
 * @param capacity the maximum number of records in the queue
 * @param depth the records waiting in the queue now
 * @param offered the records that entered the queue
 * @param taken the records the application took or received from the queue
 * @param unacknowledged the received records that the application has not acknowledged yet
 * @param fullWaits how many offers found the queue full
 * @param overflows the records that the overflow policy dropped or sent to the dead-letter topic
 * @param deadLettered the records sent to the dead-letter topic, on overflow or because they could
 *     not be deserialized
 * @param unreadable the records that could not be deserialized
 * @param paused whether the bridge has paused its partitions because the queue is full
 * @param pauses how many times the bridge paused its partitions
 * @param lag the records in the assigned partitions that the application has not finished yet
 *     (the topic's end offset minus the offset the bridge may commit, summed over partitions),
 *     or -1 until the bridge has measured its partitions' end offsets
 * @param running whether the bridge thread runs, including while it drains on close
 */
public record ChannelStats(
        String name,
        String topic,
        String groupId,
        OverflowPolicy policy,
        int capacity,
        int depth,
        long offered,
        long taken,
        long unacknowledged,
        long fullWaits,
        long overflows,
        long deadLettered,
        long unreadable,
        boolean paused,
        long pauses,
        long lag,
        boolean running) {
}
