package io.flume.runtime.channel;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Tracks, per assigned partition, the offset up to which every record has been taken from the
 * channel or otherwise finished with, which is the offset a bridge may commit.
 *
 * <p>The channel is a FIFO queue fed in partition order, so a take of offset X means every earlier
 * record of that partition that entered the queue has been taken too. A record that never enters
 * the queue (dead-lettered on overflow, or unreadable) finishes out of line: its offset becomes
 * committable only once the records offered before it have been taken, or at once when none are
 * waiting in the queue.
 *
 * <p>Thread safe: the bridge thread reports offers and disposals, and application threads report
 * takes.
 */
final class OffsetTracker {

    private static final class PartitionState {
        long lastOffered = -1;
        long lastTaken = -1;
        long committable = -1;
        long disposed = -1;
        long disposedBarrier = -1;
        long lastCommitted = -1;
        long floor = -1;
    }

    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();

    /**
     * Starts tracking a newly assigned partition whose consumer position is {@code position}.
     * Takes of records below it (left in the queue from an earlier assignment) then never move the
     * committed offset backwards.
     */
    synchronized void assign(TopicPartition partition, long position) {
        PartitionState state = new PartitionState();
        state.floor = position;
        partitions.put(partition, state);
    }

    /** Forgets a partition that this bridge no longer owns, so that late takes cannot commit it. */
    synchronized void remove(TopicPartition partition) {
        partitions.remove(partition);
    }

    synchronized void offered(TopicPartition partition, long offset) {
        PartitionState state = partitions.get(partition);
        if (state != null) {
            state.lastOffered = Math.max(state.lastOffered, offset);
        }
    }

    synchronized void taken(TopicPartition partition, long offset) {
        PartitionState state = partitions.get(partition);
        if (state == null) {
            return;
        }
        state.lastTaken = Math.max(state.lastTaken, offset);
        state.committable = Math.max(state.committable, offset + 1);
        if (state.disposed >= 0 && state.lastTaken >= state.disposedBarrier) {
            state.committable = Math.max(state.committable, state.disposed + 1);
            state.disposed = -1;
        }
    }

    /** Records a record that finished without entering the queue. */
    synchronized void disposed(TopicPartition partition, long offset) {
        PartitionState state = partitions.get(partition);
        if (state == null) {
            return;
        }
        if (state.lastTaken >= state.lastOffered) {
            state.committable = Math.max(state.committable, offset + 1);
        } else {
            state.disposed = Math.max(state.disposed, offset);
            state.disposedBarrier = state.lastOffered;
        }
    }

    /** Returns the committable offsets that are newer than the last committed ones. */
    synchronized Map<TopicPartition, OffsetAndMetadata> uncommitted() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        partitions.forEach((partition, state) -> {
            if (state.committable > Math.max(state.floor, state.lastCommitted)) {
                offsets.put(partition, new OffsetAndMetadata(state.committable));
            }
        });
        return offsets;
    }

    /** Returns the committable offset of {@code partition}, or -1 when nothing is committable. */
    synchronized long committable(TopicPartition partition) {
        PartitionState state = partitions.get(partition);
        return state == null ? -1 : state.committable;
    }

    /** Marks a failed commit of {@code offsets} so that the next {@link #uncommitted()} includes them again. */
    synchronized void commitFailed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            PartitionState state = partitions.get(partition);
            if (state != null && state.lastCommitted == offset.offset()) {
                state.lastCommitted = -1;
            }
        });
    }

    /** Marks {@code offsets} as committed, or as being committed. */
    synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            PartitionState state = partitions.get(partition);
            if (state != null) {
                state.lastCommitted = Math.max(state.lastCommitted, offset.offset());
            }
        });
    }
}
