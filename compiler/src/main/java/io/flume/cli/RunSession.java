package io.flume.cli;

import io.flume.app.FlumeApplication;
import io.flume.app.InputFile;
import io.flume.app.InputFileException;
import io.flume.app.ProduceResult;
import io.flume.runtime.app.RunnerExtension;
import io.flume.runtime.app.StreamsRunner;
import io.flume.runtime.channel.ChannelStats;
import io.flume.runtime.time.GoDuration;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Runs a started application for {@code flume run} and {@code flume demo}: produces an input file,
 * shows progress while the pipeline works through it, and prints what each stream received.
 */
final class RunSession {

    private static final int MAX_PRINTED_FAILURES = 20;

    private final FlumeApplication<?> app;
    private final PrintWriter out;
    private final PrintWriter err;
    private final long startedAt = System.nanoTime();
    /**
     * When the input was processed, so that the next summary's rate leaves out the wait for the
     * consumers; 0 before, and again once a summary used it (later summaries of {@code --keep-running}
     * count to their own time).
     */
    private volatile long processedAt;

    RunSession(FlumeApplication<?> app, PrintWriter out, PrintWriter err) {
        this.app = app;
        this.out = out;
        this.err = err;
    }

    /**
     * Starts the application with a shutdown hook.
     *
     * @throws CommandFailedException with the runner's message when topics cannot be created or
     *     Kafka Streams does not start
     */
    static StreamsRunner start(FlumeApplication<?> app) {
        try {
            return app.start(true);
        } catch (StreamsRunner.RunnerException e) {
            throw CommandFailedException.unusable(e.getMessage());
        }
    }

    /** Prints where the application runs: the broker and the topics it reads and writes. */
    void printStarted(StreamsRunner runner) {
        String broker = runner.broker().isPresent() ? "the embedded Kafka broker at " + runner.bootstrapServers()
                : "Kafka at " + runner.bootstrapServers();
        out.println("Running " + app.config().applicationId() + " on " + broker);
        out.println("  reading " + String.join(", ", app.compiled().sourceTopics()));
        new java.util.TreeMap<>(app.compiled().streamTopics()).forEach((stream, topic) -> out.println("  stream " + stream + " -> topic " + topic));
        out.println("  dead letters -> topic " + app.compiled().deadLetterTopic());
        runner.httpEndpoint().ifPresent(endpoint -> out.println("  HTTP endpoint at " + endpoint.baseUrl()
                + " (/health, /metrics, /topology, /schema)"));
        out.flush();
    }

    /**
     * Produces the file into the first source topic, prints each record that could not be
     * produced, then waits until the pipeline has processed every produced record and prints
     * progress meanwhile. Returns false when a record could not be produced, the time ran out or
     * the application stopped.
     */
    boolean produceAndAwait(Path file, String keyField, Duration timeout) {
        ProduceResult result;
        try {
            result = app.produce(new InputFile(file, keyField));
        } catch (IOException e) {
            throw inputFailure(file, e);
        }
        long produced = result.produced();
        out.println("Produced " + count(produced, "record") + " from " + file + " into " + result.topic());
        out.flush();
        printFailures(result);

        boolean done = awaitProcessed(produced, timeout);
        if (!result.complete()) {
            err.println("flume: " + result.failures().size() + " of " + count(result.read(), "record") + " from " + file
                    + " could not be produced; see the messages above");
            err.flush();
        }
        return done && result.complete();
    }

    /** Waits for {@code produced} records to be processed, printing progress; returns false when waiting stopped early. */
    private boolean awaitProcessed(long produced, Duration timeout) {
        ProgressThrottle throttle = new ProgressThrottle(System.nanoTime(), app.metrics().recordsProcessed());
        boolean done;
        try {
            done = app.awaitProcessed(produced, timeout, () -> {
                long processed = app.metrics().recordsProcessed();
                if (throttle.shouldPrint(System.nanoTime(), processed)) {
                    err.println("  processed " + processed + " of " + count(produced, "record"));
                    err.flush();
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            printStopped(produced, "interrupted");
            return false;
        }
        if (done) {
            processedAt = System.nanoTime();
        } else {
            StreamsRunner runner = app.runner().orElseThrow();
            printStopped(produced, stopReason(runner.failure(), runner.state(), timeout));
        }
        return done;
    }

    /**
     * Waits until every channel bridge and every connector that reads a stream topic has caught
     * up with its topic, printing progress; see {@link ConsumerBacklog}. Returns false, after
     * printing which consumer has how many records outstanding and what becomes of them, when
     * {@code timeout} passes first. The backlog must read zero twice, a second apart, because
     * Kafka Streams may still be sending the last results when the input counts as processed.
     */
    boolean awaitDrained(StreamsRunner runner, Duration timeout) {
        try (ConsumerBacklog backlog = new ConsumerBacklog(runner)) {
            if (!backlog.hasConsumers()) {
                return true;
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            ProgressThrottle throttle = new ProgressThrottle(System.nanoTime(), -1);
            Map<String, Long> outstanding = Map.of();
            int zeroReads = 0;
            while (System.nanoTime() < deadline && zeroReads < 2) {
                outstanding = backlog.measure();
                long total = outstanding.values().stream().mapToLong(Long::longValue).sum();
                zeroReads = total == 0 ? zeroReads + 1 : 0;
                if (total > 0 && throttle.shouldPrint(System.nanoTime(), total)) {
                    err.println("  waiting for consumers: " + describe(outstanding));
                    err.flush();
                }
                if (zeroReads < 2) {
                    Thread.sleep(total == 0 ? 1000 : 200);
                }
            }
            if (zeroReads >= 2) {
                return true;
            }
            String fate = runner.broker().isPresent() ? "they are lost, as the embedded broker stops now"
                    : "they stay in their topics on " + runner.bootstrapServers() + " for the next run";
            err.println("flume: timed out after " + GoDuration.format(timeout) + " waiting for the consumers of the stream "
                    + "topics to catch up: " + describe(outstanding) + "; " + fate + ". Give them more time with --drain-timeout, "
                    + "or check that every channel has a consumer and every connector's target answers");
            err.flush();
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("flume: interrupted while waiting for the consumers of the stream topics to catch up");
            err.flush();
            return false;
        } catch (org.apache.kafka.common.KafkaException e) {
            err.println("flume: failed to measure what the consumers of the stream topics have outstanding: " + e.getMessage());
            err.flush();
            return false;
        }
    }

    /** Lists the consumers with records outstanding, such as "connector hook 12 records outstanding". */
    private static String describe(Map<String, Long> outstanding) {
        List<String> parts = new java.util.ArrayList<>();
        outstanding.forEach((consumer, records) -> {
            if (records > 0) {
                parts.add(consumer + " has " + count(records, "record") + " outstanding");
            }
        });
        return parts.isEmpty() ? "none has records outstanding" : String.join(", ", parts);
    }

    private void printStopped(long produced, String reason) {
        err.println("flume: stopped waiting after " + app.metrics().recordsProcessed() + " of " + count(produced, "record")
                + " were processed: " + reason);
        err.flush();
    }

    /**
     * Returns why waiting for the records stopped before all were processed: the application
     * failed, it stopped (closed by Ctrl-C or SIGTERM, for example), or the timeout passed while it
     * was still running.
     */
    static String stopReason(Optional<Throwable> failure, KafkaStreams.State state, Duration timeout) {
        if (failure.isPresent()) {
            return "the application failed: " + failure.get();
        }
        if (!state.isRunningOrRebalancing()) {
            return "the application stopped (Kafka Streams is " + state + ")";
        }
        return "timed out after " + GoDuration.format(timeout);
    }

    /** Returns {@code count} and {@code noun}, with the noun in the plural unless the count is 1. */
    static String count(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /**
     * Reads the whole input file before anything starts, so that an invalid CSV row fails the
     * command before the broker starts.
     *
     * @throws CommandFailedException naming the file, the line and the fix
     */
    static void checkInput(Path file, String keyField) {
        try {
            new InputFile(file, keyField).check();
        } catch (IOException e) {
            throw inputFailure(file, e);
        }
    }

    private static CommandFailedException inputFailure(Path file, IOException e) {
        if (e instanceof InputFileException) {
            return CommandFailedException.unusable(e.getMessage());
        }
        return CommandFailedException.unusable(file + ": failed to read the input file: " + e);
    }

    /** Prints the first {@value #MAX_PRINTED_FAILURES} records that could not be produced, and how many more there were. */
    private void printFailures(ProduceResult result) {
        List<ProduceResult.Failure> failures = result.failures();
        failures.stream().limit(MAX_PRINTED_FAILURES)
                .forEach(failure -> err.println("flume: " + failure.message(result.file(), result.topic())));
        if (failures.size() > MAX_PRINTED_FAILURES) {
            err.println("flume: " + count(failures.size() - MAX_PRINTED_FAILURES, "more record") + " could not be produced, from line "
                    + failures.get(MAX_PRINTED_FAILURES).line() + " on");
        }
        err.flush();
    }

    /** Prints each stream's record count, the dead-letter count and the rate, as a small table. */
    void printSummary() {
        Map<String, Long> counts = app.streamCounts();
        long processed = app.metrics().recordsProcessed();
        long end = processedAt != 0 ? processedAt : System.nanoTime();
        processedAt = 0;
        double seconds = Math.max(0.001, (end - startedAt) / 1e9);
        int width = Math.max("dead letters".length(), counts.keySet().stream().mapToInt(String::length).max().orElse(0));

        out.println();
        out.println("Records per stream:");
        counts.forEach((stream, count) -> out.printf("  %-" + width + "s %8d%n", stream, count));
        out.printf("  %-" + width + "s %8d%n", "dead letters", deadLetters());
        if (app.metrics().unhandledLogged() > 0) {
            out.printf("  %-" + width + "s %8d%n", "logged failures", app.metrics().unhandledLogged());
        }
        if (app.metrics().scaffoldFailures() > 0) {
            out.printf("  %-" + width + "s %8d%n", "scaffold failures", app.metrics().scaffoldFailures());
        }
        out.printf("%s processed in %.1f s (%.0f records/s)%n", count(processed, "record"), seconds, processed / seconds);
        printChannels();
        printExtensionCounters();
        out.flush();
    }

    /**
     * Returns every record sent to the dead-letter topic in this run: by the topology, by the
     * channel bridges (overflow, unreadable records) and by the extensions, such as connectors.
     */
    private long deadLetters() {
        long total = app.metrics().deadLettered();
        Optional<StreamsRunner> runner = app.runner();
        if (runner.isPresent()) {
            total += runner.get().channelStats().values().stream().mapToLong(ChannelStats::deadLettered).sum();
            total += runner.get().extensionCounters().values().stream()
                    .mapToLong(counters -> counters.getOrDefault(RunnerExtension.Running.DEAD_LETTERED, 0L)).sum();
        }
        return total;
    }

    /** Prints one line per extension part, such as each connector's written, failed, retried and dead-lettered records. */
    private void printExtensionCounters() {
        Map<String, Map<String, Long>> parts = app.runner().map(StreamsRunner::extensionCounters).orElse(Map.of());
        if (parts.isEmpty()) {
            return;
        }
        int width = parts.keySet().stream().mapToInt(String::length).max().orElse(0);
        out.println();
        parts.forEach((part, counters) -> {
            List<String> values = new java.util.ArrayList<>();
            counters.forEach((name, value) -> values.add(value + " " + name));
            out.printf("  %-" + width + "s %s%n", part, String.join(", ", values));
        });
    }

    /** Prints, per bridged channel, the records the application took, those still queued and the overflows. */
    private void printChannels() {
        Map<String, ChannelStats> channels = app.runner().map(StreamsRunner::channelStats).orElse(Map.of());
        if (channels.isEmpty()) {
            return;
        }
        int width = channels.keySet().stream().mapToInt(String::length).max().orElse(0);
        out.println();
        out.printf("  %-" + width + "s %8s %8s %9s%n", "channel", "taken", "queued", "overflows");
        new java.util.TreeMap<>(channels).forEach((name, stats) ->
                out.printf("  %-" + width + "s %8d %8d %9d%n", name, stats.taken(), stats.depth(), stats.overflows()));
    }

    /**
     * Decides when to print progress: once the processed count changed, at most every
     * {@link #MIN_INTERVAL}, and when it did not change, every {@link #QUIET_INTERVAL} to show that
     * the command is still waiting.
     */
    static final class ProgressThrottle {

        static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
        static final Duration QUIET_INTERVAL = Duration.ofSeconds(10);

        private long lastPrintNanos;
        private long lastCount;

        ProgressThrottle(long nowNanos, long count) {
            this.lastPrintNanos = nowNanos;
            this.lastCount = count;
        }

        /** Returns true when progress at {@code count} should be printed now, and remembers it as printed. */
        boolean shouldPrint(long nowNanos, long count) {
            long sinceLastPrint = nowNanos - lastPrintNanos;
            boolean changed = count != lastCount && sinceLastPrint >= MIN_INTERVAL.toNanos();
            if (!changed && sinceLastPrint < QUIET_INTERVAL.toNanos()) {
                return false;
            }
            lastPrintNanos = nowNanos;
            lastCount = count;
            return true;
        }
    }
}
