package io.flume.connectors.redis;

import io.flume.connectors.ConnectorSettings;
import io.flume.connectors.naming.RecordTemplate;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * The settings of a {@code redis-stream} connector, read and checked once when the sink is created.
 *
 * @param address the server's host and port
 * @param client the client configuration: credentials, database and timeouts
 * @param redactedUri the URI without its password, for messages and logs
 * @param streamKey the Redis stream key, fixed or a template such as {@code {stream}}
 * @param maxLen the approximate maximum length to trim the stream to, or 0 for no trimming
 * @param fields how a record maps to the entry's fields
 * @param dedupe whether records whose source position was already added are skipped
 */
record RedisStreamSettings(
        HostAndPort address,
        JedisClientConfig client,
        String redactedUri,
        RecordTemplate streamKey,
        long maxLen,
        EntryFields fields,
        boolean dedupe) {

    static final String URI_KEY = "uri";
    static final String PASSWORD = "password";
    static final String DATABASE = "database";
    /**
     * The Redis key. Not {@code stream}, because the connector's own {@code stream} key names the
     * Flume stream it reads, and the runner does not pass that key on to the sink.
     */
    static final String STREAM_KEY = "stream-key";
    static final String MAX_LEN = "max-len";
    static final String DEDUPE = "dedupe";
    static final String TIMEOUT = "timeout";
    static final String CONNECT_TIMEOUT = "connect-timeout";

    static final String DEFAULT_STREAM_KEY = "{stream}";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    static RedisStreamSettings read(ConnectorSettings settings) {
        String text = settings.requireString(URI_KEY);
        URI uri = parseUri(settings, text);
        String password = settings.string(PASSWORD, JedisURIHelper.getPassword(uri));
        int database = settings.intValue(DATABASE, JedisURIHelper.getDBIndex(uri), 0, Integer.MAX_VALUE);
        JedisClientConfig client = DefaultJedisClientConfig.builder()
                .user(JedisURIHelper.getUser(uri))
                .password(password)
                .database(database)
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .connectionTimeoutMillis(millis(settings, CONNECT_TIMEOUT, DEFAULT_CONNECT_TIMEOUT))
                .socketTimeoutMillis(millis(settings, TIMEOUT, DEFAULT_TIMEOUT))
                .clientName("flume-" + settings.connector())
                .build();
        long maxLen = settings.longValue(MAX_LEN, 0, 1, Long.MAX_VALUE);
        return new RedisStreamSettings(
                JedisURIHelper.getHostAndPort(uri),
                client,
                redact(text),
                RecordTemplate.parse(settings, STREAM_KEY, settings.string(STREAM_KEY, DEFAULT_STREAM_KEY)),
                maxLen,
                EntryFields.read(settings),
                settings.bool(DEDUPE, false));
    }

    private static URI parseUri(ConnectorSettings settings, String text) {
        try {
            URI uri = new URI(text);
            if (!JedisURIHelper.isValid(uri) || !JedisURIHelper.isRedisScheme(uri) && !JedisURIHelper.isRedisSSLScheme(uri)) {
                throw settings.invalid(URI_KEY, "must be redis://host:port or rediss://host:port, with an optional"
                        + " user:password@ and /database", redact(text));
            }
            return uri;
        } catch (URISyntaxException e) {
            throw settings.invalid(URI_KEY, "is not a valid URI (" + e.getReason() + ")", redact(text));
        }
    }

    private static int millis(ConnectorSettings settings, String key, Duration defaultValue) {
        Duration duration = settings.duration(key, defaultValue);
        if (duration.isZero() || duration.toMillis() > Integer.MAX_VALUE) {
            throw settings.invalid(key, "must be between 1ms and 24 days", duration);
        }
        return (int) duration.toMillis();
    }

    /** Returns the URI with its password replaced by {@code ***}. */
    static String redact(String uri) {
        return uri.replaceFirst("^(rediss?://[^@/]*:)[^@/]*@", "$1***@");
    }
}
