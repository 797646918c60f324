package io.flume.runtime.metrics;

/**
 * Names and tag keys of Flume's Micrometer meters. Names use Micrometer's dotted form; a
 * Prometheus registry writes {@code flume.node.records.in} as {@code flume_node_records_in_total}
 * and a timer {@code flume.node.processing} as {@code flume_node_processing_seconds_count} and
 * {@code _sum}.
 */
public final class MetricNames {

    // Tag keys

    /** The Kafka Streams {@code application.id}, on every Flume meter. */
    public static final String TAG_APPLICATION = "application";
    /** A node's stable name, as in processor names and the {@code flume.error.node} header. */
    public static final String TAG_NODE = "node";
    /** A node's schema path, such as {@code root.children[2].then}. */
    public static final String TAG_PATH = "path";
    /** A node's kind as the schema spells it, such as {@code filter} or {@code retry}. */
    public static final String TAG_KIND = "kind";
    public static final String TAG_ROUTE = "route";
    public static final String TAG_STREAM = "stream";
    public static final String TAG_CHANNEL = "channel";
    public static final String TAG_REASON = "reason";
    public static final String TAG_STATE = "state";

    // Per node

    public static final String NODE_RECORDS_IN = "flume.node.records.in";
    public static final String NODE_RECORDS_OUT = "flume.node.records.out";
    public static final String NODE_RECORDS_FAILED = "flume.node.records.failed";
    public static final String NODE_PROCESSING = "flume.node.processing";
    public static final String NODE_ROUTE_RECORDS = "flume.node.route.records";
    public static final String RETRIES_SCHEDULED = "flume.retry.scheduled";
    public static final String RETRIES_EXHAUSTED = "flume.retry.exhausted";
    public static final String CIRCUIT_BREAKER_STATE = "flume.circuit.breaker.state";
    public static final String RATE_LIMIT_WAIT = "flume.rate.limit.wait";
    public static final String RATE_LIMIT_REJECTIONS = "flume.rate.limit.rejections";

    // Per application

    public static final String SOURCE_RECORDS = "flume.records.source";
    public static final String COMPLETED_RECORDS = "flume.records.completed";
    public static final String DEAD_LETTERS = "flume.records.dead.lettered";
    public static final String UNHANDLED_LOGGED = "flume.records.unhandled.logged";
    public static final String SCAFFOLD_FAILURES = "flume.records.scaffold.failed";
    public static final String STREAM_SENDS = "flume.stream.sends";

    // Per channel

    public static final String CHANNEL_DEPTH = "flume.channel.depth";
    public static final String CHANNEL_CAPACITY = "flume.channel.capacity";
    public static final String CHANNEL_OFFERED = "flume.channel.offered";
    public static final String CHANNEL_TAKEN = "flume.channel.taken";
    public static final String CHANNEL_FULL_WAITS = "flume.channel.full.waits";
    public static final String CHANNEL_OVERFLOWS = "flume.channel.overflows";
    public static final String DIRECT_CHANNEL_TIMEOUTS = "flume.channel.direct.timeouts";

    private MetricNames() {
    }
}
