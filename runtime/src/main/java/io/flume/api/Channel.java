package io.flume.api;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A bounded queue that application code takes a stream's records from.
 *
 * <p>A channel is bridged to its stream's topic: a consumer in the runner reads the topic and
 * offers records into the queue, pausing the topic's partitions while the queue is full, and
 * commits a record's offset only after the application has taken it. A {@linkplain #direct
 * direct} channel skips the topic: the {@code stream} node offers into the queue from the stream
 * thread, which is faster but loses the queued records if the process dies.
 *
 * <p>{@link #take()} and {@link #poll(Duration)} finish a record as they return it, so a bridge
 * may commit its offset at once. {@link #receive()} returns a {@link Delivery} that the
 * application acknowledges when it has finished with the record; a bridge commits, per
 * partition, only up to the first record not yet finished, whatever order the acknowledgements
 * come in.
 *
 * <pre>{@code
 * Channel<ObjectNode> alerts = Channel.bounded(1000);
 * flume.addChannel("alerts", alerts);
 * ...
 * ObjectNode next = alerts.take();
 *
 * Channel.Delivery<ObjectNode> delivery = alerts.receive();
 * send(delivery.value());
 * delivery.ack();
 * }</pre>
 *
 * @param <T> the pipeline's value type
 */
public final class Channel<T> {

    private final int capacity;
    private final boolean direct;
    private final BlockingQueue<ChannelRecord<T>> queue;
    private volatile OverflowPolicy overflowPolicy = OverflowPolicy.BLOCK;
    private volatile Consumer<ChannelRecord<T>> finishListener = record -> { };

    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong taken = new AtomicLong();
    private final AtomicLong unacknowledged = new AtomicLong();
    private final AtomicLong fullWaits = new AtomicLong();
    private final AtomicLong overflows = new AtomicLong();

    private Channel(int capacity, boolean direct) {
        if (capacity < 1) {
            throw new IllegalArgumentException(
                    "channel capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.direct = direct;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Creates a channel fed from its stream's topic, holding at most {@code capacity} records. */
    public static <T> Channel<T> bounded(int capacity) {
        return new Channel<>(capacity, false);
    }

    /** Creates a channel fed directly by the {@code stream} node, without a topic in between. */
    public static <T> Channel<T> direct(int capacity) {
        return new Channel<>(capacity, true);
    }

    /** Sets what happens when the queue stays full for longer than the stream's timeout. */
    public Channel<T> overflow(OverflowPolicy policy) {
        this.overflowPolicy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    public int capacity() {
        return capacity;
    }

    public boolean isDirect() {
        return direct;
    }

    public OverflowPolicy overflowPolicy() {
        return overflowPolicy;
    }

    /** Returns the number of records waiting in the queue. */
    public int depth() {
        return queue.size();
    }

    /** Takes the next value, waiting until one is there. */
    public T take() throws InterruptedException {
        return takeRecord().value();
    }

    /** Takes the next record with its key, headers and position, waiting until one is there. */
    public ChannelRecord<T> takeRecord() throws InterruptedException {
        ChannelRecord<T> record = queue.take();
        taken.incrementAndGet();
        finish(record);
        return record;
    }

    /**
     * Receives the next record without acknowledging it, waiting until one is there. The record
     * leaves the queue at once, but a bridge commits its offset only after {@link Delivery#ack()}:
     * an application that crashes between the two gets the record again after a restart.
     */
    public Delivery<T> receive() throws InterruptedException {
        return deliver(queue.take());
    }

    /** Receives the next record without acknowledging it, or returns null when none arrives within {@code timeout}. */
    public Delivery<T> receive(Duration timeout) throws InterruptedException {
        ChannelRecord<T> record = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return record == null ? null : deliver(record);
    }

    /** Takes the next record, or returns null when none arrives within {@code timeout}. */
    public ChannelRecord<T> poll(Duration timeout) throws InterruptedException {
        ChannelRecord<T> record = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (record != null) {
            taken.incrementAndGet();
            finish(record);
        }
        return record;
    }

    private Delivery<T> deliver(ChannelRecord<T> record) {
        taken.incrementAndGet();
        unacknowledged.incrementAndGet();
        return new Delivery<>(this, record);
    }

    /**
     * Offers a record, waiting up to {@code timeout} for room. Returns false when the queue stayed
     * full; the caller applies the overflow policy. Used by bridges and direct stream nodes.
     */
    public boolean offer(ChannelRecord<T> record, Duration timeout) throws InterruptedException {
        if (queue.offer(record)) {
            offered.incrementAndGet();
            return true;
        }
        fullWaits.incrementAndGet();
        if (timeout.isZero() || timeout.isNegative()) {
            return false;
        }
        boolean accepted = queue.offer(record, timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (accepted) {
            offered.incrementAndGet();
        }
        return accepted;
    }

    /**
     * Removes the oldest queued record to make room, for the {@code drop-oldest} policy. The
     * removed record counts as an overflow and as finished, so a bridge can commit past it, but
     * not as taken.
     */
    public ChannelRecord<T> dropOldest() {
        ChannelRecord<T> dropped = queue.poll();
        if (dropped != null) {
            overflows.incrementAndGet();
            finish(dropped);
        }
        return dropped;
    }

    /** Counts a record that the overflow policy sent elsewhere instead of into the queue. */
    public void recordOverflow() {
        overflows.incrementAndGet();
    }

    /**
     * Sets the callback that is notified of every record the application has finished with: at once
     * for {@link #take()} and {@link #poll(Duration)}, at {@link Delivery#ack()} for
     * {@link #receive()}, and for the records that {@link #dropOldest()} removes. A channel bridge
     * uses it to commit offsets only for finished records. It runs on the application's thread,
     * so it must be quick and thread safe; a new callback replaces the previous one.
     */
    public void onFinished(Consumer<ChannelRecord<T>> listener) {
        this.finishListener = Objects.requireNonNull(listener, "listener");
    }

    /** Returns how many records entered the queue. */
    public long offeredCount() {
        return offered.get();
    }

    /** Returns how many records the application took or received from the queue. */
    public long takenCount() {
        return taken.get();
    }

    /** Returns how many received records the application has not acknowledged yet. */
    public long unacknowledgedCount() {
        return unacknowledged.get();
    }

    /** Returns how many offers found the queue full and had to wait. */
    public long fullWaitCount() {
        return fullWaits.get();
    }

    public long overflowCount() {
        return overflows.get();
    }

    /**
     * A record received from a channel and not yet acknowledged. Acknowledge it once the
     * application has finished with it; acknowledging twice has no further effect.
     *
     * @param <T> the pipeline's value type
     */
    public static final class Delivery<T> {
        private final Channel<T> channel;
        private final ChannelRecord<T> record;
        private final AtomicBoolean acknowledged = new AtomicBoolean();

        private Delivery(Channel<T> channel, ChannelRecord<T> record) {
            this.channel = channel;
            this.record = record;
        }

        public ChannelRecord<T> record() {
            return record;
        }

        public T value() {
            return record.value();
        }

        /** Marks the record as finished, so that a bridge may commit its offset. */
        public void ack() {
            if (acknowledged.compareAndSet(false, true)) {
                channel.unacknowledged.decrementAndGet();
                channel.finish(record);
            }
        }

        public boolean isAcknowledged() {
            return acknowledged.get();
        }
    }

    private void finish(ChannelRecord<T> record) {
        finishListener.accept(record);
    }

    @Override
    public String toString() {
        return (direct ? "direct" : "bounded") + " channel (capacity " + capacity + ", depth "
                + queue.size() + ", overflow " + overflowPolicy + ")";
    }
}
