package io.flume.runtime.inline;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one {@code circuit-breaker} node in one application instance, shared by every
 * stream thread and inline executor thread that runs the node, so every method is synchronized.
 *
 * <p>Closed: records pass, and {@code failureThreshold} consecutive failures open the circuit.
 * Open: records fail fast with {@link CircuitOpenException} until {@code recoveryTimeout} has
 * passed. Half-open: the first record after that is the trial and passes; the others fail fast
 * while it runs. A successful trial closes the circuit, a failed one opens it again.
 *
 * <p>The caller passes the time of every decision in epoch milliseconds, so that a topology can
 * use the stream task's wall-clock time, which {@code TopologyTestDriver} lets tests advance.
 */
public final class CircuitBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    /** The states of a circuit. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    /** The kind of pass a record received: ordinary, or the trial of a half-open circuit. */
    public enum Permit { NORMAL, TRIAL }

    private final String nodePath;
    private int failureThreshold;
    private Duration recoveryTimeout;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private long openUntilMillis;
    private String openReason;

    public CircuitBreaker(String nodePath, int failureThreshold, Duration recoveryTimeout) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failure_threshold of " + nodePath + " must be at least 1, got " + failureThreshold);
        }
        this.nodePath = nodePath;
        this.failureThreshold = failureThreshold;
        this.recoveryTimeout = recoveryTimeout;
    }

    /**
     * Applies the settings of a reloaded schema. The circuit keeps its state: an open circuit
     * stays open until the time its old recovery timeout set, and the consecutive failures
     * counted so far count towards the new threshold.
     */
    public synchronized void reconfigure(int failureThreshold, Duration recoveryTimeout) {
        if (failureThreshold == this.failureThreshold && recoveryTimeout.equals(this.recoveryTimeout)) {
            return;
        }
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failure_threshold of " + nodePath + " must be at least 1, got " + failureThreshold);
        }
        LOG.info("Circuit of {} now opens after {} consecutive failures for {} (was {} for {})", nodePath, failureThreshold,
                recoveryTimeout, this.failureThreshold, this.recoveryTimeout);
        this.failureThreshold = failureThreshold;
        this.recoveryTimeout = recoveryTimeout;
    }

    /**
     * Lets a record through, moving an open circuit whose recovery timeout has passed to
     * half-open with this record as its trial.
     *
     * @throws CircuitOpenException when the circuit is open, or half-open with a trial running
     */
    public synchronized Permit acquire(long nowMillis) {
        switch (state) {
            case CLOSED -> {
                return Permit.NORMAL;
            }
            case OPEN -> {
                if (nowMillis < openUntilMillis) {
                    Instant until = Instant.ofEpochMilli(openUntilMillis);
                    throw new CircuitOpenException(nodePath, until, "circuit of " + nodePath + " is open until " + until
                            + " " + openReason + "; records fail fast until then, when one trial record is let through");
                }
                state = State.HALF_OPEN;
                LOG.info("Circuit of {} is half-open: letting one trial record through", nodePath);
                return Permit.TRIAL;
            }
            default -> throw new CircuitOpenException(nodePath, null, "circuit of " + nodePath
                    + " is half-open and its trial record is still running; records fail fast until the trial succeeds");
        }
    }

    /** Records that a record let through with {@code permit} succeeded. */
    public synchronized void succeeded(Permit permit) {
        if (permit == Permit.TRIAL) {
            state = State.CLOSED;
            consecutiveFailures = 0;
            LOG.info("Circuit of {} is closed again: its trial record succeeded", nodePath);
        } else if (state == State.CLOSED) {
            consecutiveFailures = 0;
        }
    }

    /**
     * Records that a record let through with {@code permit} failed with {@code message}. Failures
     * of records that were let through before the circuit opened change nothing.
     */
    public synchronized void failed(Permit permit, long nowMillis, String message) {
        if (permit == Permit.TRIAL) {
            open(nowMillis, "after its trial record failed (" + message + ")");
            LOG.warn("Circuit of {} is open again until {}: its trial record failed: {}",
                    nodePath, Instant.ofEpochMilli(openUntilMillis), message);
        } else if (state == State.CLOSED) {
            consecutiveFailures++;
            if (consecutiveFailures >= failureThreshold) {
                open(nowMillis, "after " + consecutiveFailures + " consecutive failures (last: " + message + ")");
                LOG.warn("Circuit of {} is open until {} after {} consecutive failures; last failure: {}",
                        nodePath, Instant.ofEpochMilli(openUntilMillis), consecutiveFailures, message);
            }
        }
    }

    private void open(long nowMillis, String reason) {
        state = State.OPEN;
        openUntilMillis = saturatedAdd(nowMillis, recoveryTimeout.toMillis());
        openReason = reason;
        consecutiveFailures = 0;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    public synchronized State state() {
        return state;
    }

    public String nodePath() {
        return nodePath;
    }
}
