package io.flume.compiler.nodes;

import io.flume.runtime.routing.Routes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The end of the topology built so far, where the next processor attaches: the processors whose
 * records continue, each either forwarding everything it emits or, for a routing processor, one
 * of its outlets. Joining lines needs no processor of its own: the next processor simply gets
 * every processor of both lines as a parent.
 *
 * <p>This is why the compiler uses the Processor API instead of the DSL's {@code split()} and
 * {@code merge()}: {@code StreamsBuilder.build()} in Kafka Streams 4.4 visits a DSL node once per
 * path to it, and a sequence of n branching nodes has 2^n paths.
 */
public final class Line {

    /** One processor whose records continue on the line, with the outlet of a routing processor. */
    private record Outlet(String processor, Routes routes, String outlet) {
    }

    private final List<Outlet> outlets;

    private Line(List<Outlet> outlets) {
        this.outlets = List.copyOf(outlets);
    }

    /** Returns the line of every record that {@code processor} forwards. */
    static Line of(String processor) {
        return new Line(List.of(new Outlet(processor, null, null)));
    }

    /** Returns the line of the records that a routing processor sends to {@code outlet}. */
    static Line routed(Routes routes, String outlet) {
        return new Line(List.of(new Outlet(routes.processor(), routes, outlet)));
    }

    /** Returns the line that carries the records of both lines. */
    Line join(Line other) {
        List<Outlet> joined = new ArrayList<>(outlets);
        for (Outlet outlet : other.outlets) {
            if (!joined.contains(outlet)) {
                joined.add(outlet);
            }
        }
        return new Line(joined);
    }

    /** Returns the names of the processors that the next processor takes as parents. */
    String[] parents() {
        Set<String> parents = new LinkedHashSet<>();
        outlets.forEach(outlet -> parents.add(outlet.processor()));
        return parents.toArray(String[]::new);
    }

    /** Connects the routing processors' outlets of this line to {@code child}, a processor just added. */
    void connect(String child) {
        for (Outlet outlet : outlets) {
            if (outlet.routes() != null) {
                outlet.routes().connect(outlet.outlet(), child);
            }
        }
    }
}
