package io.flume.connectors;

import java.time.Duration;
import java.util.Locale;

/**
 * The settings of a connector that the runner reads, next to the sink's own settings in the same
 * {@code connectors:} entry.
 *
 * @param batchSize the maximum number of records per {@link Sink#write} call
 * @param linger how long the runner waits for more records once the first of a batch arrived
 * @param retryAttempts how many writes a record gets for transient failures before
 *     {@code retry.on-exhausted} applies
 * @param retryBackoff the delay before the first retry; it doubles for each further one
 * @param retryMaxBackoff the longest delay between retries, which also bounds a target's {@code Retry-After}
 * @param onExhausted what happens to a record whose transient failures outlast the attempts
 */
record RunnerSettings(int batchSize, Duration linger, int retryAttempts, Duration retryBackoff, Duration retryMaxBackoff,
        OnExhausted onExhausted) {

    static final String BATCH_SIZE = "batch-size";
    static final String LINGER = "linger";
    static final String RETRY_ATTEMPTS = "retry.attempts";
    static final String RETRY_BACKOFF = "retry.backoff";
    static final String RETRY_MAX_BACKOFF = "retry.max-backoff";
    static final String RETRY_ON_EXHAUSTED = "retry.on-exhausted";

    static final int DEFAULT_BATCH_SIZE = 500;
    static final int MAX_BATCH_SIZE = 100_000;
    static final Duration DEFAULT_LINGER = Duration.ofMillis(100);
    static final int DEFAULT_RETRY_ATTEMPTS = 10;
    static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(200);
    static final Duration DEFAULT_RETRY_MAX_BACKOFF = Duration.ofSeconds(30);

    /** The handling of a record that still fails transiently after {@code retry.attempts} writes. */
    enum OnExhausted {
        /**
         * Keeps the batch and retries it every {@code retry.max-backoff} until the target
         * accepts it or the connector stops: nothing is lost, and the stream waits.
         */
        KEEP_RETRYING,
        /** Sends the record to the dead-letter topic and goes on with the next ones. */
        DEAD_LETTER;

        static OnExhausted parse(ConnectorSettings settings) {
            String text = settings.string(RETRY_ON_EXHAUSTED, "keep-retrying").trim().toLowerCase(Locale.ROOT);
            for (OnExhausted value : values()) {
                if (value.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(text)) {
                    return value;
                }
            }
            throw settings.invalid(RETRY_ON_EXHAUSTED, "must be keep-retrying or dead-letter", text);
        }
    }

    static RunnerSettings read(ConnectorSettings settings) {
        int batchSize = settings.intValue(BATCH_SIZE, DEFAULT_BATCH_SIZE, 1, MAX_BATCH_SIZE);
        Duration linger = settings.duration(LINGER, DEFAULT_LINGER);
        int attempts = settings.intValue(RETRY_ATTEMPTS, DEFAULT_RETRY_ATTEMPTS, 1, 1_000);
        Duration backoff = settings.duration(RETRY_BACKOFF, DEFAULT_RETRY_BACKOFF);
        Duration maxBackoff = settings.duration(RETRY_MAX_BACKOFF, DEFAULT_RETRY_MAX_BACKOFF);
        if (maxBackoff.compareTo(backoff) < 0) {
            throw settings.invalid(RETRY_MAX_BACKOFF, "must not be shorter than " + RETRY_BACKOFF + " (" + backoff + ")",
                    maxBackoff);
        }
        return new RunnerSettings(batchSize, linger, attempts, backoff, maxBackoff, OnExhausted.parse(settings));
    }

    /**
     * Returns the delay before retry number {@code retry} (1 for the first): the backoff doubled
     * for each earlier retry, at most {@code retry.max-backoff}. A target's requested delay
     * replaces it when longer, again at most {@code retry.max-backoff}.
     */
    Duration delay(int retry, Duration requested) {
        long base = retryBackoff.toMillis();
        int doublings = Math.min(retry - 1, 30);
        long millis = Math.min(retryMaxBackoff.toMillis(), base << doublings);
        if (requested != null && requested.toMillis() > millis) {
            millis = Math.min(retryMaxBackoff.toMillis(), requested.toMillis());
        }
        return Duration.ofMillis(Math.max(0, millis));
    }
}
