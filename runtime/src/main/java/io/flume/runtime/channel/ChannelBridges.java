package io.flume.runtime.channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The channel bridges of one application, started and closed together. Bridges can be added and
 * removed while the application runs. Closing stops every bridge from fetching at once, so that
 * all queues drain within one shared grace period.
 *
 * <p>Thread safe.
 */
public final class ChannelBridges implements AutoCloseable {

    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(10);

    private final Map<String, ChannelBridge<?>> bridges = new LinkedHashMap<>();
    private boolean closing;

    /**
     * Creates the set from bridges that are not started yet; {@link #start()} starts them.
     *
     * @throws IllegalArgumentException when two bridges have the same name
     */
    public ChannelBridges(List<? extends ChannelBridge<?>> bridges) {
        for (ChannelBridge<?> bridge : bridges) {
            if (this.bridges.putIfAbsent(bridge.name(), bridge) != null) {
                throw new IllegalArgumentException("two channel bridges are named '" + bridge.name()
                        + "'; each channel has one bridge");
            }
        }
    }

    /** Returns an empty set, for applications without channels. */
    public static ChannelBridges none() {
        return new ChannelBridges(List.of());
    }

    /** Returns the bridges, in the order they were added. */
    public synchronized List<ChannelBridge<?>> bridges() {
        return List.copyOf(bridges.values());
    }

    public synchronized boolean isEmpty() {
        return bridges.isEmpty();
    }

    /** Returns the bridge of channel {@code name}. */
    public synchronized Optional<ChannelBridge<?>> get(String name) {
        return Optional.ofNullable(bridges.get(name));
    }

    /** Returns the stats of every bridge, by channel name in the order the bridges were added. */
    public Map<String, ChannelStats> stats() {
        Map<String, ChannelStats> stats = new LinkedHashMap<>();
        bridges().forEach(bridge -> stats.put(bridge.name(), bridge.stats()));
        return stats;
    }

    /** Starts every bridge. When one fails to start, closes those already started and rethrows. */
    public void start() {
        List<ChannelBridge<?>> started = new ArrayList<>();
        try {
            for (ChannelBridge<?> bridge : bridges()) {
                bridge.start();
                started.add(bridge);
            }
        } catch (RuntimeException e) {
            started.forEach(bridge -> bridge.close(Duration.ZERO));
            throw e;
        }
    }

    /**
     * Adds a bridge while the application runs and starts it.
     *
     * @throws IllegalStateException when a bridge of that name exists, or the set is closing
     */
    public synchronized void add(ChannelBridge<?> bridge) {
        if (closing) {
            throw new IllegalStateException("the application is shutting down; channel '" + bridge.name()
                    + "' gets no bridge");
        }
        if (bridges.containsKey(bridge.name())) {
            throw new IllegalStateException("channel '" + bridge.name() + "' already has a bridge; remove it first");
        }
        bridge.start();
        bridges.put(bridge.name(), bridge);
    }

    /**
     * Removes the bridge of channel {@code name}, if there is one, and closes it: it stops
     * fetching, gives the application up to {@code grace} to drain the channel, and commits what
     * was finished. Blocks until the bridge has closed.
     *
     * @return the removed bridge
     */
    public Optional<ChannelBridge<?>> remove(String name, Duration grace) {
        ChannelBridge<?> removed;
        synchronized (this) {
            removed = bridges.remove(name);
        }
        if (removed != null) {
            removed.close(grace);
        }
        return Optional.ofNullable(removed);
    }

    /**
     * Waits until every bridge has its first partition assignment, within {@code timeout} in
     * total. Returns false when the time ran out first.
     */
    public boolean awaitAssignment(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ChannelBridge<?> bridge : bridges()) {
            Duration remaining = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!bridge.awaitAssignment(remaining)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stops every bridge from fetching and starts the grace period in which the application may
     * drain the queues. Returns at once; later {@link #add} calls are rejected.
     */
    public void beginClose(Duration grace) {
        synchronized (this) {
            closing = true;
        }
        bridges().forEach(bridge -> bridge.beginClose(grace));
    }

    /**
     * Waits up to {@code timeout} in total for every bridge to commit and close after
     * {@link #beginClose}. Returns false when a bridge was still running at the end.
     */
    public boolean awaitClosed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean allClosed = true;
        for (ChannelBridge<?> bridge : bridges()) {
            allClosed &= bridge.awaitClosed(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        return allClosed;
    }

    /**
     * Stops every bridge from fetching, gives the application up to {@code grace} to drain all
     * queues, then commits and closes each bridge.
     */
    public void close(Duration grace) {
        beginClose(grace);
        awaitClosed(grace.plus(CLOSE_MARGIN));
    }

    /** Closes every bridge with the {@linkplain ChannelBridge#DEFAULT_GRACE default grace period}. */
    @Override
    public void close() {
        close(ChannelBridge.DEFAULT_GRACE);
    }
}
