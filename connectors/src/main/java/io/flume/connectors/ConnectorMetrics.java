package io.flume.connectors;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one connector, updated by its thread and read with {@link #snapshot()} from any
 * thread. They count records, not batches, unless a name says otherwise, and start at zero when
 * the connector starts.
 */
public final class ConnectorMetrics {

    private final LongAdder written = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder writeNanos = new LongAdder();
    private final AtomicLong maxWriteNanos = new AtomicLong();
    private volatile long lag;

    /**
     * The counters at one moment.
     *
     * @param written records the target acknowledged
     * @param failed record writes that failed, counting each failed try of a record
     * @param retried record writes repeated after a transient failure
     * @param deadLettered records sent to the dead-letter topic
     * @param batches batches finished, each with every record written or dead-lettered
     * @param writes calls of {@link Sink#write}, retries included
     * @param totalWriteTime the time spent in those calls
     * @param maxWriteTime the longest single call
     * @param lag records not yet written or dead-lettered, measured after each read and each batch.
     *     From a topic, they are the records beyond the connector's committed position. From a
     *     channel, they are the records in its queue plus those received and not acknowledged
     */
    public record Snapshot(long written, long failed, long retried, long deadLettered, long batches, long writes,
            Duration totalWriteTime, Duration maxWriteTime, long lag) {

        /** Returns the mean time of a {@link Sink#write} call, zero before the first. */
        public Duration meanWriteTime() {
            return writes == 0 ? Duration.ZERO : totalWriteTime.dividedBy(writes);
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(written.sum(), failed.sum(), retried.sum(), deadLettered.sum(), batches.sum(), writes.sum(),
                Duration.ofNanos(writeNanos.sum()), Duration.ofNanos(maxWriteNanos.get()), lag);
    }

    void recordWrite(long nanos) {
        writes.increment();
        writeNanos.add(nanos);
        maxWriteNanos.accumulateAndGet(nanos, Math::max);
    }

    void addWritten(long count) {
        written.add(count);
    }

    void addFailed(long count) {
        failed.add(count);
    }

    void addRetried(long count) {
        retried.add(count);
    }

    void addDeadLettered(long count) {
        deadLettered.add(count);
    }

    void addBatch() {
        batches.increment();
    }

    void setLag(long lag) {
        this.lag = lag;
    }
}
