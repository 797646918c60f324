package io.flume.schema;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One node of a parsed pipeline schema, with its schema path and source position.
 *
 * <p>Fields that a node's type does not use are null. Optional numeric fields are null when the
 * schema left them out; the {@code effective…} accessors apply {@link SchemaDefaults}. A parsed
 * node is not guaranteed to be valid: run the validator before compiling it.
 */
public final class Node {

    private final NodeType type;
    private final String path;
    private final SourcePosition position;
    private final Map<String, SourcePosition> fieldPositions;
    private final Map<String, SourcePosition> keyPositions;
    private final Map<String, SourcePosition> unknownFields;
    private final List<FieldProblem> problems;
    private final String typeName;

    private final String name;
    private final String ref;
    private final String stream;

    private final List<Node> children;
    private final Node child;
    private final Node then;
    private final Node otherwise;
    private final Map<String, Node> routes;
    private final Node defaultRoute;

    private final String predicate;
    private final String condition;
    private final String reducer;
    private final String errorHandler;

    private final Integer attempts;
    private final Duration backoff;
    private final Duration duration;
    private final Integer failureThreshold;
    private final Duration recoveryTimeout;
    private final Double requestsPerSecond;
    private final Integer burstSize;
    private final Integer workers;
    private final Duration streamTimeout;

    private Node(Builder builder) {
        this.type = builder.type;
        this.path = Objects.requireNonNull(builder.path, "path");
        this.position = builder.position == null ? SourcePosition.UNKNOWN : builder.position;
        this.fieldPositions = Collections.unmodifiableMap(new LinkedHashMap<>(builder.fieldPositions));
        this.keyPositions = Collections.unmodifiableMap(new LinkedHashMap<>(builder.keyPositions));
        this.unknownFields = Collections.unmodifiableMap(new LinkedHashMap<>(builder.unknownFields));
        this.problems = List.copyOf(builder.problems);
        this.typeName = builder.typeName != null || type == null || type == NodeType.REF || type == NodeType.STREAM
                ? builder.typeName
                : type.keyword();

        this.name = builder.name;
        this.ref = builder.ref;
        this.stream = builder.stream;
        this.children = builder.children == null ? null : List.copyOf(builder.children);
        this.child = builder.child;
        this.then = builder.then;
        this.otherwise = builder.otherwise;
        this.routes = builder.routes == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(builder.routes));
        this.defaultRoute = builder.defaultRoute;
        this.predicate = builder.predicate;
        this.condition = builder.condition;
        this.reducer = builder.reducer;
        this.errorHandler = builder.errorHandler;
        this.attempts = builder.attempts;
        this.backoff = builder.backoff;
        this.duration = builder.duration;
        this.failureThreshold = builder.failureThreshold;
        this.recoveryTimeout = builder.recoveryTimeout;
        this.requestsPerSecond = builder.requestsPerSecond;
        this.burstSize = builder.burstSize;
        this.workers = builder.workers;
        this.streamTimeout = builder.streamTimeout;
    }

    public static Builder builder(NodeType type, String path) {
        return new Builder(type, path);
    }

    /** Returns the node's kind; null only when the schema named none or an unknown one. */
    public NodeType type() {
        return type;
    }

    /** Returns the schema path, such as {@code root.children[2].routes.high}. */
    public String path() {
        return path;
    }

    public SourcePosition position() {
        return position;
    }

    /** Returns the position of a field's value, falling back to the node's own position. */
    public SourcePosition positionOf(String field) {
        return fieldPositions.getOrDefault(field, position);
    }

    /**
     * Returns the schema fields set on this node, in source order, with the positions of their
     * values. Keys that are not schema fields are in {@link #unknownFields()}.
     */
    public Map<String, SourcePosition> fieldPositions() {
        return fieldPositions;
    }

    /**
     * Returns the position of a field's key, falling back to the position of its value and then
     * to the node's own position. Messages about a field itself (not allowed here, unknown) point
     * at the key, and messages about its value point at the value.
     */
    public SourcePosition keyPositionOf(String field) {
        SourcePosition key = keyPositions.get(field);
        return key != null ? key : positionOf(field);
    }

    /**
     * Returns true when {@code field} is set on this node: written in the schema, even with an
     * empty or malformed value, or given a value by code that built the node.
     */
    public boolean has(String field) {
        return fieldPositions.containsKey(field) || valueOf(field) != null;
    }

    private Object valueOf(String field) {
        return switch (field) {
            case SchemaFields.REF -> ref;
            case SchemaFields.TYPE -> type == NodeType.REF || type == NodeType.STREAM ? null : typeName;
            case SchemaFields.STREAM -> stream;
            case SchemaFields.NAME -> name;
            case SchemaFields.CHILDREN -> children;
            case SchemaFields.CHILD -> child;
            case SchemaFields.THEN -> then;
            case SchemaFields.ELSE -> otherwise;
            case SchemaFields.ROUTES -> routes;
            case SchemaFields.DEFAULT -> defaultRoute;
            case SchemaFields.PREDICATE -> predicate;
            case SchemaFields.CONDITION -> condition;
            case SchemaFields.REDUCER -> reducer;
            case SchemaFields.ERROR_HANDLER -> errorHandler;
            case SchemaFields.ATTEMPTS -> attempts;
            case SchemaFields.BACKOFF -> backoff;
            case SchemaFields.DURATION -> duration;
            case SchemaFields.FAILURE_THRESHOLD -> failureThreshold;
            case SchemaFields.RECOVERY_TIMEOUT -> recoveryTimeout;
            case SchemaFields.REQUESTS_PER_SECOND -> requestsPerSecond;
            case SchemaFields.BURST_SIZE -> burstSize;
            case SchemaFields.WORKERS -> workers;
            case SchemaFields.STREAM_TIMEOUT -> streamTimeout;
            default -> null;
        };
    }

    /**
     * Returns the value of {@code type} as the schema wrote it, such as {@code sequense} for a
     * misspelt type, whose {@link #type()} is then null. Null when the node has no {@code type}.
     */
    public String typeName() {
        return typeName;
    }

    /**
     * Returns the keys the schema set on this node that are not schema fields, with the
     * positions of the keys, in source order.
     */
    public Map<String, SourcePosition> unknownFields() {
        return unknownFields;
    }

    /** Returns the values the parser could not use, in source order, or an empty list for a well-formed node. */
    public List<FieldProblem> problems() {
        return problems;
    }

    /** Returns true when the parser recorded a problem with {@code field}'s value. */
    public boolean hasProblem(String field) {
        return problems.stream().anyMatch(problem -> problem.field().equals(field));
    }

    /** Returns the explicit {@code name}, or null when the schema gave none. */
    public String name() {
        return name;
    }

    /**
     * Returns the node's display name: the explicit {@code name}, else the Go library's default
     * ({@code filter-PREDICATE}, {@code switch-CONDITION}, {@code stream:NAME}, the processor name
     * for a {@code ref}, and the type keyword otherwise).
     */
    public String displayName() {
        if (name != null) {
            return name;
        }
        if (type == null) {
            return "node";
        }
        return switch (type) {
            case REF -> ref;
            case STREAM -> "stream:" + stream;
            case FILTER -> "filter-" + predicate;
            case SWITCH -> "switch-" + condition;
            default -> type.keyword();
        };
    }

    public String ref() {
        return ref;
    }

    public String stream() {
        return stream;
    }

    /** Returns the {@code children} list, or null when the schema had none. */
    public List<Node> children() {
        return children;
    }

    public Node child() {
        return child;
    }

    public Node then() {
        return then;
    }

    /** Returns the {@code else} branch of a filter ({@code else} is a Java keyword). */
    public Node otherwise() {
        return otherwise;
    }

    /** Returns the routes of a switch in source order, or null when the schema had none. */
    public Map<String, Node> routes() {
        return routes;
    }

    /** Returns the {@code default} route of a switch. */
    public Node defaultRoute() {
        return defaultRoute;
    }

    public String predicate() {
        return predicate;
    }

    public String condition() {
        return condition;
    }

    public String reducer() {
        return reducer;
    }

    public String errorHandler() {
        return errorHandler;
    }

    public Integer attempts() {
        return attempts;
    }

    public int effectiveAttempts() {
        return attempts == null ? SchemaDefaults.RETRY_ATTEMPTS : attempts;
    }

    public Duration backoff() {
        return backoff;
    }

    public Duration duration() {
        return duration;
    }

    public Duration effectiveDuration() {
        return duration == null ? SchemaDefaults.TIMEOUT_DURATION : duration;
    }

    public Integer failureThreshold() {
        return failureThreshold;
    }

    public int effectiveFailureThreshold() {
        return failureThreshold == null ? SchemaDefaults.CIRCUIT_BREAKER_FAILURE_THRESHOLD : failureThreshold;
    }

    public Duration recoveryTimeout() {
        return recoveryTimeout;
    }

    public Duration effectiveRecoveryTimeout() {
        return recoveryTimeout == null ? SchemaDefaults.CIRCUIT_BREAKER_RECOVERY_TIMEOUT : recoveryTimeout;
    }

    public Double requestsPerSecond() {
        return requestsPerSecond;
    }

    public double effectiveRequestsPerSecond() {
        return requestsPerSecond == null ? SchemaDefaults.RATE_LIMIT_REQUESTS_PER_SECOND : requestsPerSecond;
    }

    public Integer burstSize() {
        return burstSize;
    }

    public int effectiveBurstSize() {
        return burstSize == null ? SchemaDefaults.RATE_LIMIT_BURST_SIZE : burstSize;
    }

    public Integer workers() {
        return workers;
    }

    public int effectiveWorkers() {
        return workers == null ? SchemaDefaults.WORKER_POOL_WORKERS : workers;
    }

    public Duration streamTimeout() {
        return streamTimeout;
    }

    /**
     * Returns the nodes directly below this one, each with the label of the field it hangs under
     * ({@code children[0]}, {@code child}, {@code then}, {@code else}, {@code routes.KEY},
     * {@code default}), in source order.
     */
    public Map<String, Node> labelledChildren() {
        Map<String, Node> result = new LinkedHashMap<>();
        if (children != null) {
            for (int i = 0; i < children.size(); i++) {
                result.put("children[" + i + "]", children.get(i));
            }
        }
        if (child != null) {
            result.put("child", child);
        }
        if (then != null) {
            result.put("then", then);
        }
        if (otherwise != null) {
            result.put("else", otherwise);
        }
        if (routes != null) {
            routes.forEach((key, route) -> result.put("routes." + key, route));
        }
        if (defaultRoute != null) {
            result.put("default", defaultRoute);
        }
        return result;
    }

    @Override
    public String toString() {
        return path + " (" + (type == null ? "?" : type.keyword()) + " " + displayName() + ")";
    }

    /** Builds a {@link Node}; used by the parser and by code that builds schemas programmatically. */
    public static final class Builder {
        private final NodeType type;
        private final String path;
        private SourcePosition position;
        private final Map<String, SourcePosition> fieldPositions = new LinkedHashMap<>();
        private final Map<String, SourcePosition> keyPositions = new LinkedHashMap<>();
        private final Map<String, SourcePosition> unknownFields = new LinkedHashMap<>();
        private final List<FieldProblem> problems = new ArrayList<>();
        private String typeName;
        private String name;
        private String ref;
        private String stream;
        private List<Node> children;
        private Node child;
        private Node then;
        private Node otherwise;
        private Map<String, Node> routes;
        private Node defaultRoute;
        private String predicate;
        private String condition;
        private String reducer;
        private String errorHandler;
        private Integer attempts;
        private Duration backoff;
        private Duration duration;
        private Integer failureThreshold;
        private Duration recoveryTimeout;
        private Double requestsPerSecond;
        private Integer burstSize;
        private Integer workers;
        private Duration streamTimeout;

        private Builder(NodeType type, String path) {
            this.type = type;
            this.path = path;
        }

        public Builder position(SourcePosition position) { this.position = position; return this; }
        public Builder fieldPosition(String field, SourcePosition at) { fieldPositions.put(field, at); return this; }
        public Builder keyPosition(String field, SourcePosition at) { keyPositions.put(field, at); return this; }
        public Builder unknownField(String key, SourcePosition at) { unknownFields.put(key, at); return this; }
        public Builder problem(FieldProblem problem) { problems.add(Objects.requireNonNull(problem, "problem")); return this; }
        /** Sets the text of {@code type} as written. It defaults to the keyword of the builder's type. */
        public Builder typeName(String typeName) { this.typeName = typeName; return this; }
        public Builder name(String name) { this.name = name; return this; }
        public Builder ref(String ref) { this.ref = ref; return this; }
        public Builder stream(String stream) { this.stream = stream; return this; }
        public Builder children(List<Node> children) { this.children = children == null ? null : new ArrayList<>(children); return this; }
        public Builder child(Node child) { this.child = child; return this; }
        public Builder then(Node then) { this.then = then; return this; }
        public Builder otherwise(Node otherwise) { this.otherwise = otherwise; return this; }
        public Builder routes(Map<String, Node> routes) { this.routes = routes == null ? null : new LinkedHashMap<>(routes); return this; }
        public Builder defaultRoute(Node defaultRoute) { this.defaultRoute = defaultRoute; return this; }
        public Builder predicate(String predicate) { this.predicate = predicate; return this; }
        public Builder condition(String condition) { this.condition = condition; return this; }
        public Builder reducer(String reducer) { this.reducer = reducer; return this; }
        public Builder errorHandler(String errorHandler) { this.errorHandler = errorHandler; return this; }
        public Builder attempts(Integer attempts) { this.attempts = attempts; return this; }
        public Builder backoff(Duration backoff) { this.backoff = backoff; return this; }
        public Builder duration(Duration duration) { this.duration = duration; return this; }
        public Builder failureThreshold(Integer failureThreshold) { this.failureThreshold = failureThreshold; return this; }
        public Builder recoveryTimeout(Duration recoveryTimeout) { this.recoveryTimeout = recoveryTimeout; return this; }
        public Builder requestsPerSecond(Double requestsPerSecond) { this.requestsPerSecond = requestsPerSecond; return this; }
        public Builder burstSize(Integer burstSize) { this.burstSize = burstSize; return this; }
        public Builder workers(Integer workers) { this.workers = workers; return this; }
        public Builder streamTimeout(Duration streamTimeout) { this.streamTimeout = streamTimeout; return this; }

        public Node build() {
            return new Node(this);
        }
    }
}
