package io.flume.connectors;

import java.time.Duration;
import java.util.List;

/**
 * The reader of a connector's stream: the stream's topic or its channel. Used from the
 * connector's thread only.
 */
interface RecordSource extends AutoCloseable {

    /**
     * Returns the next batch of at most {@code max} records, waiting at most {@code linger} for
     * more once the first arrived. Returns an empty list when nothing arrived for a short while,
     * so that the caller can check whether to stop.
     */
    List<SinkRecord> next(int max, Duration linger) throws InterruptedException;

    /** Waits {@code duration} before a retry of the current batch, fetching nothing new but keeping the source's session alive. */
    void pause(Duration duration) throws InterruptedException;

    /**
     * Acknowledges the records of the last batch whose {@code done} flag is set. A topic source
     * commits, for each partition, the offsets up to the first record that is not done.
     */
    void acknowledge(List<SinkRecord> batch, boolean[] done);

    /** Returns how many records wait to be read, as last seen. */
    long lag();

    /** Describes the source for logs, such as {@code topic quakes.major}. */
    String describe();

    @Override
    void close();
}
