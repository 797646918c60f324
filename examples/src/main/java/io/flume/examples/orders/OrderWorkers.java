package io.flume.examples.orders;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Flume;
import io.flume.api.Channel;
import io.flume.api.ChannelRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed pool of worker threads that take orders from bounded channels of different capacities.
 *
 * <p>Every worker serves all channels in the order given: before each record it looks at the
 * first channel, then the next, so a high-priority order queued behind a backlog of low-priority
 * ones is taken next. When every channel is empty, a worker waits up to {@code idleWait} on the
 * first channel, so a record in another channel may wait that long before a worker takes it.
 *
 * <pre>{@code
 * Flume<ObjectNode> flume = new OrderComponents().create();
 * try (OrderWorkers workers = OrderWorkers.start(flume, 4, (channel, record) -> ship(record.value()))) {
 *     ... run the application ...
 * }   // close() drains the queues for up to 10 seconds, then stops the workers
 * }</pre>
 *
 * <p>Workers {@linkplain Channel#receive(Duration) receive} records and
 * {@linkplain Channel.Delivery#ack() acknowledge} each one once the handler has returned or
 * thrown, so a bridged channel commits a record's offset only after it was handled: records
 * in the workers' hands when the process dies are read again on the next start. A handler that
 * throws is logged with the channel and the order's key and counted in {@link #failedCount()},
 * and the record is acknowledged all the same, so a failed record is not read again; the worker
 * goes on with the next record.
 */
public final class OrderWorkers implements AutoCloseable {

    /** Handles one record taken from a channel. */
    @FunctionalInterface
    public interface OrderHandler {
        void handle(String channel, ChannelRecord<ObjectNode> record) throws Exception;
    }

    public static final Duration DEFAULT_IDLE_WAIT = Duration.ofMillis(50);
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(10);

    /** How long {@link #stop} waits for interrupted workers after the grace period ran out. */
    private static final Duration INTERRUPT_WAIT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(OrderWorkers.class);
    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final Map<String, Channel<ObjectNode>> channels;
    private final OrderHandler handler;
    private final Duration idleWait;
    private final ThreadPoolExecutor executor;
    private final Map<String, LongAdder> handled = new LinkedHashMap<>();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean stopping;

    private OrderWorkers(Map<String, Channel<ObjectNode>> channels, int workers, Duration idleWait, OrderHandler handler) {
        this.channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
        this.handler = handler;
        this.idleWait = idleWait;
        this.channels.keySet().forEach(name -> handled.put(name, new LongAdder()));
        // One task per thread and a queue with room for exactly those tasks, so the pool never grows.
        this.executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(workers), workerThreads());
    }

    /**
     * Starts {@code workers} threads taking orders from {@code channels}, served in the map's
     * iteration order (use a {@link LinkedHashMap} with the most urgent channel first).
     *
     * @throws IllegalArgumentException when {@code workers} is below 1, {@code channels} is
     *     empty or {@code idleWait} is not positive
     */
    public static OrderWorkers start(Map<String, Channel<ObjectNode>> channels, int workers, Duration idleWait,
            OrderHandler handler) {
        Objects.requireNonNull(channels, "channels");
        Objects.requireNonNull(idleWait, "idleWait");
        Objects.requireNonNull(handler, "handler");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("no channels to take orders from; pass at least one channel");
        }
        if (idleWait.isNegative() || idleWait.isZero()) {
            throw new IllegalArgumentException("idleWait must be positive, got " + idleWait);
        }
        OrderWorkers pool = new OrderWorkers(channels, workers, idleWait, handler);
        for (int i = 0; i < workers; i++) {
            pool.executor.execute(pool::work);
        }
        LOG.info("Started {} order workers on channels {}", workers, pool.channels.keySet());
        return pool;
    }

    /**
     * Starts {@code workers} threads on the channels of an {@link OrderComponents} registry, in
     * the order of {@link OrderComponents#CHANNEL_CAPACITIES}.
     *
     * @throws IllegalArgumentException when the registry lacks one of those channels
     */
    public static OrderWorkers start(Flume<ObjectNode> flume, int workers, OrderHandler handler) {
        Map<String, Channel<ObjectNode>> channels = new LinkedHashMap<>();
        for (String name : OrderComponents.CHANNEL_CAPACITIES.keySet()) {
            Channel<ObjectNode> channel = flume.getChannel(name).orElseThrow(() -> new IllegalArgumentException(
                    "channel '" + name + "' is not registered (registered: " + flume.listChannels()
                            + "); create the registry with OrderComponents.create()"));
            channels.put(name, channel);
        }
        return start(channels, workers, DEFAULT_IDLE_WAIT, handler);
    }

    /** Returns the names of the channels served, in the order the workers look at them. */
    public List<String> channelNames() {
        return new ArrayList<>(channels.keySet());
    }

    /** Returns how many records from {@code channel} the handler has finished, with or without failure. */
    public long handledCount(String channel) {
        LongAdder count = handled.get(channel);
        return count == null ? 0 : count.sum();
    }

    /** Returns how many records the handler has finished, with or without failure. */
    public long handledCount() {
        return handled.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Returns how many records the handler threw on. */
    public long failedCount() {
        return failed.get();
    }

    /** Tests whether every worker thread has ended. */
    public boolean isTerminated() {
        return executor.isTerminated();
    }

    /**
     * Stops the workers: they go on taking records until every channel is empty, then end. When
     * {@code grace} runs out first, the workers are interrupted, and this method waits up to 5
     * more seconds for them to end.
     *
     * @return true when the channels were drained and every worker ended within {@code grace}
     */
    public boolean stop(Duration grace) throws InterruptedException {
        stopping = true;
        executor.shutdown();
        if (executor.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
            LOG.info("Order workers stopped after handling {} records ({} failed)", handledCount(), failedCount());
            return true;
        }
        executor.shutdownNow();
        boolean ended = executor.awaitTermination(INTERRUPT_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        LOG.warn("Order workers did not drain the channels within {}; interrupted them ({}), {} records left in {}",
                grace, ended ? "all ended" : "some still running", queuedCount(), channels.keySet());
        return false;
    }

    /**
     * Stops the workers with the default grace period of 10 seconds. An interrupt while waiting
     * ends the wait and stays set on the calling thread.
     */
    @Override
    public void close() {
        try {
            stop(DEFAULT_STOP_GRACE);
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void work() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                TakenRecord next = takeNext();
                if (next == null) {
                    if (stopping) {
                        return;
                    }
                    continue;
                }
                handle(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns a record from the first channel that has one, or null at once when all are empty. */
    private TakenRecord pollInPriorityOrder() throws InterruptedException {
        for (Map.Entry<String, Channel<ObjectNode>> channel : channels.entrySet()) {
            Channel.Delivery<ObjectNode> delivery = channel.getValue().receive(Duration.ZERO);
            if (delivery != null) {
                return new TakenRecord(channel.getKey(), delivery);
            }
        }
        return null;
    }

    /**
     * Returns the next record in priority order. When every channel is empty and the pool is not
     * stopping, waits up to {@code idleWait} on the first channel, and returns null if nothing came.
     */
    private TakenRecord takeNext() throws InterruptedException {
        TakenRecord next = pollInPriorityOrder();
        if (next != null || stopping) {
            return next;
        }
        Map.Entry<String, Channel<ObjectNode>> first = channels.entrySet().iterator().next();
        Channel.Delivery<ObjectNode> delivery = first.getValue().receive(idleWait);
        return delivery == null ? null : new TakenRecord(first.getKey(), delivery);
    }

    private void handle(TakenRecord taken) {
        try {
            handler.handle(taken.channel(), taken.record());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            countFailure(taken, e);
        } catch (Exception e) {
            countFailure(taken, e);
        } finally {
            taken.delivery().ack();
            handled.get(taken.channel()).increment();
        }
    }

    private void countFailure(TakenRecord taken, Exception error) {
        long failures = failed.incrementAndGet();
        // Log the first failures in full, then every 100th, so a broken handler cannot flood the log.
        if (failures <= 10 || failures % 100 == 0) {
            LOG.warn("Order handler failed on channel {} for key {} ({} failures so far)",
                    taken.channel(), taken.record().key(), failures, error);
        }
    }

    private long queuedCount() {
        return channels.values().stream().mapToLong(Channel::depth).sum();
    }

    private static ThreadFactory workerThreads() {
        int pool = POOL_NUMBER.incrementAndGet();
        AtomicInteger thread = new AtomicInteger();
        return runnable -> {
            Thread worker = new Thread(runnable, "order-worker-" + pool + "-" + thread.incrementAndGet());
            worker.setDaemon(true);
            return worker;
        };
    }

    private record TakenRecord(String channel, Channel.Delivery<ObjectNode> delivery) {
        ChannelRecord<ObjectNode> record() {
            return delivery.record();
        }
    }
}
