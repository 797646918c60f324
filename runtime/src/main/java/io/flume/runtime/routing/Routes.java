package io.flume.runtime.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The outlets of one routing processor: for each outlet name, the downstream processors that
 * receive its records, in the order the compiler connected them. A routing processor forwards
 * each record to the processors of one outlet with {@code ProcessorContext.forward(record, child)},
 * so a record reaches only the line it was routed to.
 *
 * <p>The compiler connects processors while it builds the topology, before any record flows;
 * each processor instance takes a {@link #freeze() frozen} copy when it is initialised.
 */
public final class Routes {

    private final String processor;
    private final Map<String, List<String>> children = new LinkedHashMap<>();

    /** Creates the outlets of the routing processor named {@code processor}. */
    public Routes(String processor) {
        this.processor = processor;
    }

    /** Returns the name of the routing processor. */
    public String processor() {
        return processor;
    }

    /** Sends the records of {@code outlet} to the processor named {@code child} too. */
    public synchronized void connect(String outlet, String child) {
        List<String> targets = children.computeIfAbsent(outlet, key -> new ArrayList<>());
        if (!targets.contains(child)) {
            targets.add(child);
        }
    }

    /** Returns the processors that receive the records of {@code outlet}, in connection order. */
    public synchronized List<String> childrenOf(String outlet) {
        return List.copyOf(children.getOrDefault(outlet, List.of()));
    }

    /** Returns an immutable copy of the outlets, for a processor instance to route with. */
    public synchronized Frozen freeze() {
        Map<String, String[]> copy = new LinkedHashMap<>();
        children.forEach((outlet, targets) -> copy.put(outlet, targets.toArray(String[]::new)));
        return new Frozen(Map.copyOf(copy));
    }

    /** The outlets of a running processor instance. */
    public static final class Frozen {

        private static final String[] NONE = new String[0];

        private final Map<String, String[]> children;

        private Frozen(Map<String, String[]> children) {
            this.children = children;
        }

        /**
         * Forwards {@code record} to every processor of {@code outlet}. An outlet that no processor
         * was connected to drops the record; the compiler connects every outlet it routes to.
         */
        public <K, V> void forward(ProcessorContext<K, V> context, Record<K, V> record, String outlet) {
            for (String child : children.getOrDefault(outlet, NONE)) {
                context.forward(record, child);
            }
        }
    }
}
