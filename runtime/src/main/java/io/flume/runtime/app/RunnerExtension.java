package io.flume.runtime.app;

import io.flume.runtime.config.AppConfig;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;

/**
 * A part of an application that lives in another module, such as the connectors, and that a
 * {@link StreamsRunner} starts and stops with Kafka Streams. Extensions are found with
 * {@link java.util.ServiceLoader}, so {@code flume run} starts them whenever their jar is on the
 * class path, without the command line depending on them.
 *
 * <p>The runner calls {@link #check} before it starts anything, {@link #start} once the topics
 * exist and before Kafka Streams and the channel bridges start (a channel-sourced extension
 * receives records once the bridges run), and
 * {@link Running#stop} before the bridges and Kafka Streams close.
 */
public interface RunnerExtension {

    /** Returns a short name for logs, such as {@code connectors}. */
    String name();

    /**
     * Returns the problems of the extension's part of the config, each naming its file, line and
     * fix; empty when that part is valid. The runner checks them before it starts anything, and
     * {@code flume validate} prints them.
     */
    default List<String> problems(AppConfig config) {
        return List.of();
    }

    /**
     * Starts the extension for one application. Returns null when the config gives it nothing to
     * do. An exception stops the application's start; its message should name what failed and
     * the fix.
     */
    Running start(RunnerContext context);

    /** A started extension. */
    interface Running {

        /**
         * Returns counters for run summaries, by part (such as {@code connector quake-hook}), each
         * by counter name in print order. A counter named {@value #DEAD_LETTERED} counts records
         * sent to the dead-letter topic and is added to the summary's dead-letter total.
         */
        default java.util.Map<String, java.util.Map<String, Long>> counters() {
            return java.util.Map.of();
        }

        /** The counter name of records sent to the dead-letter topic; see {@link #counters()}. */
        String DEAD_LETTERED = "dead-lettered";

        /** Stops within {@code grace}, releasing every thread and client it started. */
        void stop(Duration grace);

        /**
         * Registers the extension's meters, tagged with {@code application}, in the runner's
         * registry. The runner calls it once after start and removes the returned meters when the
         * application stops. By default an extension has no meters.
         */
        default List<Meter> bindMeters(MeterRegistry registry, String application) {
            return List.of();
        }
    }
}
