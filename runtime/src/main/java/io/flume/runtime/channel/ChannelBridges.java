package io.flume.runtime.channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The channel bridges of one application, started and closed together. Closing stops every
 * bridge from fetching at once, so that all queues drain within one shared grace period.
 */
public final class ChannelBridges implements AutoCloseable {

    private static final Duration CLOSE_MARGIN = Duration.ofSeconds(10);

    private final List<ChannelBridge<?>> bridges;

    public ChannelBridges(List<? extends ChannelBridge<?>> bridges) {
        this.bridges = List.copyOf(bridges);
    }

    /** Returns an empty set, for applications without channels. */
    public static ChannelBridges none() {
        return new ChannelBridges(List.of());
    }

    public List<ChannelBridge<?>> bridges() {
        return bridges;
    }

    public boolean isEmpty() {
        return bridges.isEmpty();
    }

    /** Returns the bridge of channel {@code name}. */
    public Optional<ChannelBridge<?>> get(String name) {
        return bridges.stream().filter(bridge -> bridge.name().equals(name)).findFirst();
    }

    /** Starts every bridge. When one fails to start, closes those already started and rethrows. */
    public void start() {
        List<ChannelBridge<?>> started = new ArrayList<>();
        try {
            for (ChannelBridge<?> bridge : bridges) {
                bridge.start();
                started.add(bridge);
            }
        } catch (RuntimeException e) {
            started.forEach(bridge -> bridge.close(Duration.ZERO));
            throw e;
        }
    }

    /**
     * Waits until every bridge has its first partition assignment, within {@code timeout} in
     * total. Returns false when the time ran out first.
     */
    public boolean awaitAssignment(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ChannelBridge<?> bridge : bridges) {
            Duration remaining = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!bridge.awaitAssignment(remaining)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stops every bridge from fetching, gives the application up to {@code grace} to drain all
     * queues, then commits and closes each bridge.
     */
    public void close(Duration grace) {
        bridges.forEach(bridge -> bridge.beginClose(grace));
        long deadline = System.nanoTime() + grace.plus(CLOSE_MARGIN).toNanos();
        for (ChannelBridge<?> bridge : bridges) {
            bridge.awaitClosed(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }

    /** Closes every bridge with the {@linkplain ChannelBridge#DEFAULT_GRACE default grace period}. */
    @Override
    public void close() {
        close(ChannelBridge.DEFAULT_GRACE);
    }
}
