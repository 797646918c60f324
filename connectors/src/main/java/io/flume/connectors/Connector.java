package io.flume.connectors;

import io.flume.runtime.metrics.RateLimitedLogger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connector on a thread of its own: reads batches from its {@link RecordSource}, writes
 * them to its {@link Sink}, retries transient failures with exponential backoff, sends records
 * that fail permanently to the dead-letter topic, and acknowledges a record to the source only
 * after it was written or dead-lettered.
 *
 * <p>A batch is finished before the next is read, so the sink receives records in source order.
 * While transient failures last longer than {@code retry.attempts}, the default
 * {@code retry.on-exhausted: keep-retrying} keeps retrying the batch every
 * {@code retry.max-backoff} and the stream waits; {@code dead-letter} gives the records up instead.
 */
public final class Connector {

    private static final Logger LOG = LoggerFactory.getLogger(Connector.class);
    private static final Duration DEAD_LETTER_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PAUSE_SLICE = Duration.ofMillis(200);
    private static final Duration STOP_MARGIN = Duration.ofSeconds(5);

    /** The life-cycle state of a connector. */
    public enum State { CREATED, RUNNING, STOPPED, FAILED }

    private final String name;
    private final String type;
    private final Sink sink;
    private final RecordSource source;
    private final RunnerSettings settings;
    private final DeadLetterWriter deadLetters;
    private final ConnectorMetrics metrics = new ConnectorMetrics();
    private final RateLimitedLogger retryLog = new RateLimitedLogger(LOG, Duration.ofSeconds(30));
    private final RateLimitedLogger deadLetterLog = new RateLimitedLogger(LOG, Duration.ofSeconds(30));

    private volatile State state = State.CREATED;
    private volatile Throwable failure;
    private volatile boolean stopping;
    private volatile long abandonAt;
    private Thread thread;

    Connector(String name, String type, Sink sink, RecordSource source, RunnerSettings settings, DeadLetterWriter deadLetters) {
        this.name = name;
        this.type = type;
        this.sink = sink;
        this.source = source;
        this.settings = settings;
        this.deadLetters = deadLetters;
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    public State state() {
        return state;
    }

    /** Returns what stopped the connector when its state is {@code FAILED}. */
    public Throwable failure() {
        return failure;
    }

    public ConnectorMetrics.Snapshot metrics() {
        return metrics.snapshot();
    }

    /** Starts the connector's thread; the sink must be open. */
    synchronized void start() {
        thread = new Thread(this::run, "flume-connector-" + name);
        thread.setDaemon(true);
        state = State.RUNNING;
        thread.start();
        LOG.info("Connector {} ({}) started: {} to its target", name, type, source.describe());
    }

    /**
     * Stops fetching, lets the batch in flight finish within {@code grace}, abandons it after
     * that, commits what the sink acknowledged, and closes the sink and the source. Waits for the
     * thread to end; a thread stuck in {@link Sink#write} past the grace is interrupted.
     */
    void stop(Duration grace) {
        abandonAt = System.nanoTime() + grace.toNanos();
        stopping = true;
        Thread running;
        synchronized (this) {
            running = thread;
        }
        if (running == null) {
            closeQuietly();
            return;
        }
        try {
            running.join(grace.plus(PAUSE_SLICE).toMillis() + 1);
            if (running.isAlive()) {
                LOG.warn("Connector {} still writing {} ms after stop; interrupting it", name, grace.toMillis());
                running.interrupt();
                running.join(STOP_MARGIN.toMillis());
            }
            if (running.isAlive()) {
                LOG.error("Connector {}'s thread did not end within {} ms of the interrupt; its sink blocks in write",
                        name, STOP_MARGIN.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (!stopping) {
                List<SinkRecord> batch = source.next(settings.batchSize(), settings.linger());
                metrics.setLag(source.lag());
                if (batch.isEmpty()) {
                    continue;
                }
                boolean[] done = deliver(batch);
                // A sink interrupted by stop() may leave the flag set, which would fail the commit of what it wrote.
                if (Thread.interrupted()) {
                    stopping = true;
                }
                source.acknowledge(batch, done);
                metrics.setLag(source.lag());
                if (allDone(done)) {
                    metrics.addBatch();
                }
            }
            state = State.STOPPED;
        } catch (InterruptedException e) {
            state = State.STOPPED;
        } catch (RuntimeException | Error e) {
            failure = e;
            state = State.FAILED;
            LOG.error("Connector {} ({}) stopped after an error; records not yet acknowledged are written again after a restart",
                    name, type, e);
        } finally {
            closeQuietly();
            LOG.info("Connector {} stopped; {}", name, metrics.snapshot());
        }
    }

    /**
     * Writes {@code batch} until every record is written or dead-lettered, or the connector
     * stops past its grace. Returns which records are done, by batch index.
     */
    boolean[] deliver(List<SinkRecord> batch) throws InterruptedException {
        boolean[] done = new boolean[batch.size()];
        int[] tries = new int[batch.size()];
        List<Future<RecordMetadata>> deadLettered = new ArrayList<>();
        List<Integer> pending = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            pending.add(i);
        }
        int chunkSize = batch.size();
        int retry = 0;
        while (!pending.isEmpty()) {
            Round round = new Round();
            for (int from = 0; from < pending.size(); from += chunkSize) {
                List<Integer> chunk = pending.subList(from, Math.min(pending.size(), from + chunkSize));
                writeChunk(batch, chunk, tries, done, round, deadLettered);
            }
            pending = round.pending;
            if (round.splitBatch) {
                // The target rejected a whole chunk: write its records one by one to find those it rejects.
                chunkSize = 1;
            }
            if (pending.isEmpty() || round.lastTransient == null) {
                continue;
            }
            retry++;
            if (retry >= settings.retryAttempts() && settings.onExhausted() == RunnerSettings.OnExhausted.DEAD_LETTER) {
                LOG.warn("Connector {}: {} records still fail after {} tries; sending them to {}: {}", name, pending.size(),
                        retry, deadLetters.topic(), round.lastTransient.getMessage());
                for (int index : pending) {
                    deadLettered.add(deadLetter(batch.get(index), round.lastTransient, tries[index]));
                    done[index] = true;
                }
                break;
            }
            Duration delay = settings.delay(retry, round.lastTransient.retryAfter().orElse(null));
            if (retry >= settings.retryAttempts()) {
                retryLog.warn("Connector {}: the target still fails after {} tries ({}); retrying {} records every {} ms"
                        + " until it recovers", name, retry, round.lastTransient.getMessage(), pending.size(), delay.toMillis());
            } else {
                LOG.debug("Connector {}: retry {} of {} records in {} ms after: {}", name, retry, pending.size(),
                        delay.toMillis(), round.lastTransient.getMessage());
            }
            metrics.addRetried(pending.size());
            if (!pauseUnlessAbandoned(delay)) {
                LOG.warn("Connector {} stopped with {} records of its batch unwritten; they are written again after a restart",
                        name, pending.size());
                break;
            }
        }
        awaitDeadLetters(deadLettered);
        return done;
    }

    /** The outcome of one pass over the pending records. */
    private static final class Round {
        private final List<Integer> pending = new ArrayList<>();
        private SinkException lastTransient;
        private boolean splitBatch;
    }

    private void writeChunk(List<SinkRecord> batch, List<Integer> chunk, int[] tries, boolean[] done, Round round,
            List<Future<RecordMetadata>> deadLettered) {
        List<SinkRecord> records = new ArrayList<>(chunk.size());
        for (int index : chunk) {
            records.add(batch.get(index));
            tries[index]++;
        }
        long start = System.nanoTime();
        WriteResult result;
        try {
            result = sink.write(records);
        } catch (SinkException e) {
            metrics.recordWrite(System.nanoTime() - start);
            metrics.addFailed(chunk.size());
            failChunk(batch, chunk, tries, done, round, deadLettered, e);
            return;
        } catch (RuntimeException e) {
            metrics.recordWrite(System.nanoTime() - start);
            metrics.addFailed(chunk.size());
            // A sink that throws an unchecked exception gets its batch retried, so that a bug loses nothing.
            SinkException wrapped = SinkException.transientFailure("sink " + type + " failed: " + e, e);
            failChunk(batch, chunk, tries, done, round, deadLettered, wrapped);
            return;
        }
        metrics.recordWrite(System.nanoTime() - start);

        Map<Integer, SinkException> failures = result.failures();
        for (int k = 0; k < chunk.size(); k++) {
            int index = chunk.get(k);
            SinkException error = failures.get(k);
            if (error == null) {
                done[index] = true;
                metrics.addWritten(1);
                continue;
            }
            metrics.addFailed(1);
            if (error.isTransient()) {
                round.pending.add(index);
                round.lastTransient = error;
            } else {
                deadLettered.add(deadLetter(batch.get(index), error, tries[index]));
                done[index] = true;
            }
        }
    }

    private void failChunk(List<SinkRecord> batch, List<Integer> chunk, int[] tries, boolean[] done, Round round,
            List<Future<RecordMetadata>> deadLettered, SinkException error) {
        if (error.isTransient()) {
            round.pending.addAll(chunk);
            round.lastTransient = error;
        } else if (chunk.size() > 1) {
            round.pending.addAll(chunk);
            round.splitBatch = true;
        } else {
            deadLettered.add(deadLetter(batch.get(chunk.get(0)), error, tries[chunk.get(0)]));
            done[chunk.get(0)] = true;
        }
    }

    private Future<RecordMetadata> deadLetter(SinkRecord record, SinkException error, int tries) {
        deadLetterLog.warn("Connector {}: sending the record at {}-{}@{} to {}: {}", name, record.topic(), record.partition(),
                record.offset(), deadLetters.topic(), error.getMessage());
        metrics.addDeadLettered(1);
        return deadLetters.send(name, record, error, tries);
    }

    /**
     * Waits for the dead-letter topic to acknowledge every record sent there. A failure stops the
     * connector: committing past a record that reached neither the target nor the dead-letter
     * topic would lose it.
     */
    private void awaitDeadLetters(List<Future<RecordMetadata>> sent) throws InterruptedException {
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get(DEAD_LETTER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("connector " + name + " failed to write to the dead-letter topic "
                        + deadLetters.topic() + "; check that the topic exists and the cluster is reachable, then restart", e);
            }
        }
    }

    /** Waits {@code delay} in short slices; returns false when the connector stops and its grace has passed. */
    private boolean pauseUnlessAbandoned(Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            if (stopping && System.nanoTime() - abandonAt >= 0) {
                return false;
            }
            try {
                source.pause(Duration.ofNanos(Math.min(left, PAUSE_SLICE.toNanos())));
            } catch (InterruptedException e) {
                // Only stop() interrupts, after the grace: abandon the batch but still commit what is done.
                stopping = true;
                return false;
            }
        }
        return !(stopping && System.nanoTime() - abandonAt >= 0);
    }

    private static boolean allDone(boolean[] done) {
        for (boolean flag : done) {
            if (!flag) {
                return false;
            }
        }
        return true;
    }

    private void closeQuietly() {
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOG.warn("Connector {} failed to close its sink", name, e);
        }
        source.close();
    }

    @Override
    public String toString() {
        return "connector " + name + " (" + type + ", " + state + ")";
    }
}
