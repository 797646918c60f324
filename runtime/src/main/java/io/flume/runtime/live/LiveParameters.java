package io.flume.runtime.live;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

/**
 * The parameters of one compiled topology's nodes that can change while it runs: predicates,
 * conditions, attempts, backoffs, durations, rates, bursts, thresholds and recovery times, each
 * an immutable value registered under its node's schema path.
 *
 * <p>All values live in one immutable map, the current version, so that {@link #swap} replaces
 * every node's parameters at once. A record reads the version that was current when it entered
 * the topology: the processors where records enter ({@link #pinning}, the retry release) pin the
 * version in a thread-local for as long as Kafka Streams runs the record through the downstream
 * processors, which happens within that call. Children that the inline executor runs on its own
 * threads ({@code timeout}, {@code race}, {@code contest}, {@code worker-pool}) get the version
 * of the record that started them ({@link #carrying}).
 *
 * <pre>{@code
 * Parameter<Duration> backoff = live.register("root.child", node.backoff());
 * ...
 * Duration wait = backoff.get();      // in a processor, for each record
 * }</pre>
 */
public final class LiveParameters {

    private volatile Version current = new Version(0, Map.of());
    // Registrations since the last read, published as one new version by current(): copying the
    // map on every registration made compiling a schema of n nodes take time in n squared.
    private Map<String, Object> registering;
    private volatile boolean pendingRegistrations;
    private final ThreadLocal<Version> pinned = new ThreadLocal<>();

    /** One complete set of parameters. */
    private record Version(long number, Map<String, Object> values) {
    }

    /**
     * Registers a node's initial parameters while the topology is compiled, and returns the
     * handle its processors read them through.
     *
     * @throws IllegalArgumentException when the path already has parameters
     */
    public synchronized <P> Parameter<P> register(String path, P initial) {
        Objects.requireNonNull(initial, "initial");
        if (registering == null) {
            registering = new LinkedHashMap<>(current.values());
        }
        if (registering.putIfAbsent(path, initial) != null) {
            throw new IllegalArgumentException("node " + path + " registered its live parameters twice");
        }
        pendingRegistrations = true;
        return new Parameter<>(this, path);
    }

    /** Returns the current version, first publishing the registrations made since the last call. */
    private Version current() {
        if (pendingRegistrations) {
            synchronized (this) {
                if (registering != null) {
                    current = new Version(current.number(), Map.copyOf(registering));
                    registering = null;
                }
                pendingRegistrations = false;
            }
        }
        return current;
    }

    /**
     * Replaces every parameter with those of {@code newer}, a compilation of a schema of the same
     * shape, in one step.
     *
     * @throws IllegalArgumentException when {@code newer} has parameters for other nodes, or of other types
     */
    public synchronized void swap(LiveParameters newer) {
        Map<String, Object> next = newer.current().values();
        Map<String, Object> now = current().values();
        if (!next.keySet().equals(now.keySet())) {
            throw new IllegalArgumentException("the new schema has live parameters for nodes " + next.keySet()
                    + " but the running one for " + now.keySet() + "; its shape differs, so it needs a restart");
        }
        for (Map.Entry<String, Object> entry : next.entrySet()) {
            if (entry.getValue().getClass() != now.get(entry.getKey()).getClass()) {
                throw new IllegalArgumentException("node " + entry.getKey() + " has parameters of another kind in the new schema ("
                        + entry.getValue().getClass().getSimpleName() + " instead of " + now.get(entry.getKey()).getClass().getSimpleName()
                        + "); its shape differs, so it needs a restart");
            }
        }
        current = new Version(current().number() + 1, next);
    }

    /** Returns how many times the parameters were swapped. */
    public long version() {
        return current().number();
    }

    /** Returns the current parameters by node path. */
    public Map<String, Object> values() {
        return current().values();
    }

    /**
     * Runs {@code work} with the current version pinned on this thread, so that every parameter
     * it reads, in any node, comes from the same version. Nested calls keep the outer pin.
     */
    public <R> R pinned(Supplier<R> work) {
        if (pinned.get() != null) {
            return work.get();
        }
        pinned.set(current());
        try {
            return work.get();
        } finally {
            pinned.remove();
        }
    }

    /** Runs {@code work} with the current version pinned on this thread; see {@link #pinned(Supplier)}. */
    public void pinned(Runnable work) {
        pinned(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Returns {@code task} bound to the version this thread reads now, for a task that another
     * thread runs on behalf of the current record.
     */
    public <V> Callable<V> carrying(Callable<V> task) {
        Version version = pinned.get() != null ? pinned.get() : current();
        return () -> {
            Version previous = pinned.get();
            pinned.set(version);
            try {
                return task.call();
            } finally {
                if (previous == null) {
                    pinned.remove();
                } else {
                    pinned.set(previous);
                }
            }
        };
    }

    @SuppressWarnings("unchecked")
    <P> P read(String path) {
        Version version = pinned.get();
        return (P) (version != null ? version : current()).values().get(path);
    }

    /**
     * Wraps the processor where records enter the topology, so that each record runs through the
     * whole topology with one version of the parameters.
     */
    public <KIn, VIn, KOut, VOut> ProcessorSupplier<KIn, VIn, KOut, VOut> pinning(ProcessorSupplier<KIn, VIn, KOut, VOut> supplier) {
        return () -> new PinningProcessor<>(this, supplier.get());
    }
}
