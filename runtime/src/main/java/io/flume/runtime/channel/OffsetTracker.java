package io.flume.runtime.channel;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Tracks, per assigned partition, the offset up to which every record is finished, which is the
 * offset a bridge may commit.
 *
 * <p>A record is outstanding from the moment it enters the queue until the application has
 * finished with it: taken it, or acknowledged it after a receive, or the drop-oldest policy
 * removed it. Acknowledgements may come in any order, so the committable offset of a partition is
 * its lowest outstanding offset, or, when none is outstanding, the offset after the highest record
 * seen. A record that never enters the queue (dead-lettered on overflow, or unreadable) is never
 * outstanding: it counts as seen, so the commit moves past it once the records before it are
 * finished.
 *
 * <p>Thread safe: the bridge thread reports offers and disposals, and application threads report
 * finished records.
 */
final class OffsetTracker {

    private static final class PartitionState {
        final TreeSet<Long> outstanding = new TreeSet<>();
        long highestSeen = -1;
        long lastCommitted = -1;
        final long floor;

        PartitionState(long floor) {
            this.floor = floor;
        }

        long committable() {
            if (!outstanding.isEmpty()) {
                return outstanding.first();
            }
            return highestSeen < 0 ? -1 : highestSeen + 1;
        }
    }

    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();

    /**
     * Starts tracking a newly assigned partition whose consumer position is {@code position}, or
     * -1 when it is unknown. Nothing at or below the position is committed, so records left in the
     * queue from an earlier assignment never move the committed offset backwards.
     */
    synchronized void assign(TopicPartition partition, long position) {
        partitions.put(partition, new PartitionState(position));
    }

    /** Forgets a partition that this bridge no longer owns, so that late finishes cannot commit it. */
    synchronized void remove(TopicPartition partition) {
        partitions.remove(partition);
    }

    /**
     * Records a record that is about to be offered into the queue. It is outstanding from now on,
     * because the application may take and finish it before the offer returns; call
     * {@link #offered} when the queue accepted it, or {@link #withdrawn} when it did not.
     */
    synchronized void offering(TopicPartition partition, long offset) {
        PartitionState state = partitions.get(partition);
        if (state != null) {
            state.outstanding.add(offset);
        }
    }

    /** Records that the queue accepted a record announced by {@link #offering}. */
    synchronized void offered(TopicPartition partition, long offset) {
        PartitionState state = partitions.get(partition);
        if (state != null) {
            state.highestSeen = Math.max(state.highestSeen, offset);
        }
    }

    /** Records that the queue did not accept a record announced by {@link #offering}. */
    synchronized void withdrawn(TopicPartition partition, long offset) {
        PartitionState state = partitions.get(partition);
        if (state != null) {
            state.outstanding.remove(offset);
        }
    }

    /** Records that the application finished with a record; unknown records are ignored. */
    synchronized void finished(TopicPartition partition, long offset) {
        PartitionState state = partitions.get(partition);
        if (state != null) {
            state.outstanding.remove(offset);
        }
    }

    /** Records a record that finished without entering the queue. */
    synchronized void disposed(TopicPartition partition, long offset) {
        PartitionState state = partitions.get(partition);
        if (state != null) {
            state.highestSeen = Math.max(state.highestSeen, offset);
        }
    }

    /** Returns how many records of the assigned partitions are in the queue or received and not acknowledged. */
    synchronized int outstanding() {
        return partitions.values().stream().mapToInt(state -> state.outstanding.size()).sum();
    }

    /** Returns the committable offsets that are newer than the last committed ones. */
    synchronized Map<TopicPartition, OffsetAndMetadata> uncommitted() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        partitions.forEach((partition, state) -> {
            long committable = state.committable();
            if (committable > Math.max(state.floor, state.lastCommitted)) {
                offsets.put(partition, new OffsetAndMetadata(committable));
            }
        });
        return offsets;
    }

    /**
     * Returns, per assigned partition, the offset from which records are not finished yet: the
     * committable offset, or the position at assignment when nothing was committable since.
     * Partitions without a known position are left out.
     */
    synchronized Map<TopicPartition, Long> finishedUpTo() {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        partitions.forEach((partition, state) -> {
            long upTo = Math.max(state.committable(), state.floor);
            if (upTo >= 0) {
                offsets.put(partition, upTo);
            }
        });
        return offsets;
    }

    /** Returns true when no record of {@code partition} that entered the queue is unfinished. */
    synchronized boolean nothingOutstanding(TopicPartition partition) {
        PartitionState state = partitions.get(partition);
        return state != null && state.outstanding.isEmpty();
    }

    /** Returns the committable offset of {@code partition}, or -1 when nothing is committable. */
    synchronized long committable(TopicPartition partition) {
        PartitionState state = partitions.get(partition);
        return state == null ? -1 : state.committable();
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
