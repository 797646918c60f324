package io.flume.schema;

import java.util.List;

/**
 * The field names of the schema language, spelled as in the Go library's YAML and JSON tags.
 */
public final class SchemaFields {

    /** The optional top-level schema version; allowed only beside the root node's fields. */
    public static final String VERSION = "version";

    public static final String REF = "ref";
    public static final String TYPE = "type";
    public static final String STREAM = "stream";
    public static final String NAME = "name";

    public static final String CHILDREN = "children";
    public static final String CHILD = "child";
    public static final String THEN = "then";
    public static final String ELSE = "else";
    public static final String ROUTES = "routes";
    public static final String DEFAULT = "default";

    public static final String PREDICATE = "predicate";
    public static final String CONDITION = "condition";
    public static final String REDUCER = "reducer";
    public static final String ERROR_HANDLER = "error_handler";

    public static final String ATTEMPTS = "attempts";
    public static final String BACKOFF = "backoff";
    public static final String DURATION = "duration";
    public static final String FAILURE_THRESHOLD = "failure_threshold";
    public static final String RECOVERY_TIMEOUT = "recovery_timeout";
    public static final String REQUESTS_PER_SECOND = "requests_per_second";
    public static final String BURST_SIZE = "burst_size";
    public static final String WORKERS = "workers";
    public static final String STREAM_TIMEOUT = "stream_timeout";

    /** Every field a node can carry, whatever its type. */
    public static final List<String> NODE_FIELDS = List.of(
            REF, TYPE, STREAM, NAME,
            CHILDREN, CHILD, THEN, ELSE, ROUTES, DEFAULT,
            PREDICATE, CONDITION, REDUCER, ERROR_HANDLER,
            ATTEMPTS, BACKOFF, DURATION, FAILURE_THRESHOLD, RECOVERY_TIMEOUT,
            REQUESTS_PER_SECOND, BURST_SIZE, WORKERS, STREAM_TIMEOUT);

    private SchemaFields() {
    }
}
