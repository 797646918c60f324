package io.flume.connectors.redis;

import io.flume.connectors.Sink;
import io.flume.connectors.SinkException;
import io.flume.connectors.SinkRecord;
import io.flume.connectors.WriteResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Appends each record to a Redis stream with {@code XADD}, the whole batch in one pipeline (one
 * round trip). XADD is not idempotent, so a batch that the runner retries after a lost connection
 * may add some entries twice (at-least-once): each entry carries its source position for consumers
 * to drop copies, and the {@code dedupe} setting makes the server skip them (see {@link StreamAppends}).
 */
final class RedisStreamSink implements Sink {

    private static final Logger LOG = LoggerFactory.getLogger(RedisStreamSink.class);
    private static final String NO_SCRIPT = "NOSCRIPT";
    /**
     * Error codes of replies that a later attempt may not get: server busy, loading, out of memory,
     * failing over, or the dedupe script flushed from the server's cache (reloaded at once).
     */
    private static final Set<String> TRANSIENT_ERRORS =
            Set.of("BUSY", "LOADING", "OOM", "TRYAGAIN", "MASTERDOWN", "READONLY", NO_SCRIPT);

    private final String connector;
    private final RedisStreamSettings settings;
    private final StreamAppends appends;
    private Jedis jedis;

    RedisStreamSink(String connector, RedisStreamSettings settings) {
        this.connector = connector;
        this.settings = settings;
        this.appends = new StreamAppends(settings);
    }

    @Override
    public void open() throws SinkException {
        connect();
        LOG.info("connector '{}': adding entries to Redis stream '{}' at {}",
                connector, settings.streamKey(), settings.redactedUri());
    }

    @Override
    public WriteResult write(List<SinkRecord> batch) throws SinkException {
        if (jedis == null || jedis.isBroken() || !jedis.isConnected()) {
            closeQuietly();
            LOG.warn("connector '{}': reconnecting to Redis at {}", connector, settings.redactedUri());
            connect();
        }
        Map<Integer, SinkException> failures = new HashMap<>();
        List<Response<?>> responses = new ArrayList<>(batch.size());
        try {
            Pipeline pipeline = jedis.pipelined();
            for (int i = 0; i < batch.size(); i++) {
                responses.add(appends.append(pipeline, batch.get(i), i, failures));
            }
            pipeline.sync();
        } catch (JedisConnectionException e) {
            closeQuietly();
            throw SinkException.transientFailure(prefix() + "the connection to " + settings.redactedUri()
                    + " failed during a write (" + e.getMessage() + "); the batch is retried on a new connection,"
                    + " which may add some entries twice", e);
        }
        boolean scriptMissing = false;
        for (int i = 0; i < responses.size(); i++) {
            Response<?> response = responses.get(i);
            if (response == null) {
                continue;
            }
            try {
                response.get();
            } catch (JedisDataException e) {
                failures.put(i, replyFailure(batch.get(i), e));
                scriptMissing |= errorCode(e).equals(NO_SCRIPT);
            }
        }
        if (scriptMissing) {
            reloadScript();
        }
        return WriteResult.withFailures(failures);
    }

    /** Loads the dedupe script again after SCRIPT FLUSH; on failure, the next write reconnects and loads it. */
    private void reloadScript() {
        try {
            appends.prepare(jedis);
        } catch (JedisException e) {
            LOG.warn("connector '{}': reloading the dedupe script failed, reconnecting on the next write", connector, e);
            closeQuietly();
        }
    }

    private SinkException replyFailure(SinkRecord record, JedisDataException e) {
        String message = prefix() + "Redis rejected the entry for stream '" + settings.streamKey().render(record)
                + "': " + e.getMessage();
        return TRANSIENT_ERRORS.contains(errorCode(e))
                ? SinkException.transientFailure(message, e)
                : SinkException.permanentFailure(message + "; check that the key is a stream or does not exist", e);
    }

    private static String errorCode(JedisDataException e) {
        String reply = e.getMessage() == null ? "" : e.getMessage();
        return reply.split(" ", 2)[0];
    }

    private void connect() throws SinkException {
        Jedis client = null;
        try {
            // The constructor connects and authenticates. PING checks that the server runs commands.
            client = new Jedis(settings.address(), settings.client());
            client.ping();
            appends.prepare(client);
            jedis = client;
        } catch (JedisConnectionException e) {
            closeQuietly(client);
            throw SinkException.transientFailure(prefix() + "cannot connect to Redis at " + settings.redactedUri()
                    + " (" + rootMessage(e) + "); check that the server is running and that '"
                    + RedisStreamSettings.URI_KEY + "' names its host and port", e);
        } catch (JedisException e) {
            closeQuietly(client);
            throw SinkException.permanentFailure(prefix() + "Redis at " + settings.redactedUri()
                    + " rejected the connection (" + e.getMessage() + "); check the password and database in '"
                    + RedisStreamSettings.URI_KEY + "'", e);
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        Jedis open = jedis;
        jedis = null;
        closeQuietly(open);
    }

    private void closeQuietly(Jedis client) {
        if (client != null) {
            try {
                client.close();
            } catch (RuntimeException e) {
                LOG.debug("connector '{}': closing the Redis connection failed", connector, e);
            }
        }
    }

    private String prefix() {
        return "connector '" + connector + "' (redis-stream): ";
    }

    /** Describes a connection failure by its innermost cause, which Jedis may attach as suppressed. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (true) {
            if (root.getCause() != null) {
                root = root.getCause();
            } else if (root.getSuppressed().length > 0) {
                root = root.getSuppressed()[0];
            } else {
                break;
            }
        }
        return root.getClass().getSimpleName() + (root.getMessage() != null ? ": " + root.getMessage() : "");
    }
}
