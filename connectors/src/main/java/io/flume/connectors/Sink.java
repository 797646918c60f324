package io.flume.connectors;

import java.util.List;

/**
 * Writes batches of records to one external target. A connector runner owns the sink: it calls
 * {@link #open()} once, then {@link #write} from a single thread, then {@link #close()}.
 *
 * <p>A sink does no retrying of its own beyond what its client library does inside one call; the
 * runner retries transient failures with backoff, sends permanent failures to the dead-letter
 * topic and commits a record's offset only after {@code write} reported it written.
 */
public interface Sink extends AutoCloseable {

    /**
     * Connects to the target and checks that it accepts writes (the exchange, stream, topic, URL or
     * folder exists and answers). Throws a {@link SinkException} whose message names the connector,
     * the target and the fix when it does not, so that an application fails fast at start.
     */
    void open() throws SinkException;

    /**
     * Writes {@code batch} and returns once the target has acknowledged every record the result
     * does not list as failed. Throws a transient {@link SinkException} when nothing of the batch
     * can be known to be written (the connection dropped, the target timed out): the runner then
     * retries the whole batch, which may write some records twice (at-least-once).
     */
    WriteResult write(List<SinkRecord> batch) throws SinkException;

    /** Releases the connection. Must not throw for a sink that never opened. */
    @Override
    void close();
}
