package io.flume.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.ComponentLibrary;
import io.flume.Flume;
import java.util.List;

/**
 * Components of the flight routing benchmark pipeline ({@code flights/pipeline.yaml}) over the US
 * Bureau of Transportation Statistics on-time records of 2001. Each value is
 * {@code {"delay": minutes, "distance": miles, "time": hour of day}}.
 */
public final class FlightComponents implements ComponentLibrary {

    /** The distance in miles from which a flight is long-haul. */
    public static final int LONG_HAUL_MILES = 500;

    /** The values of the {@code delay-band} condition, which are also the stream suffixes. */
    public static final List<String> DELAY_BANDS = List.of("on-time", "delayed", "late");

    /** The stream of each delay band, in the order of {@link #DELAY_BANDS}. */
    public static final List<String> STREAMS = List.of("flights.on-time", "flights.delayed", "flights.late");

    @Override
    public String name() {
        return "flights";
    }

    @Override
    public Flume<ObjectNode> create() {
        return Flume.builder(ObjectNode.class)
                .predicate("long-haul", "distance is at least 500 miles", FlightComponents::isLongHaul)
                .condition("delay-band", "on-time under 15 minutes, delayed under 60, late from 60",
                        DELAY_BANDS, FlightComponents::delayBand)
                .build();
    }

    public static boolean isLongHaul(ObjectNode flight) {
        return flight.path("distance").asInt() >= LONG_HAUL_MILES;
    }

    /** Returns the band of {@code delay} in minutes: {@code on-time} under 15, {@code delayed} under 60, else {@code late}. */
    public static String delayBand(ObjectNode flight) {
        int delay = flight.path("delay").asInt();
        if (delay < 15) {
            return "on-time";
        }
        if (delay < 60) {
            return "delayed";
        }
        return "late";
    }
}
