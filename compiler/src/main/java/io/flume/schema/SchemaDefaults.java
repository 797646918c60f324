package io.flume.schema;

import java.time.Duration;

/** Default values of the schema's optional fields, the same as the Go library's. */
public final class SchemaDefaults {

    public static final int RETRY_ATTEMPTS = 3;
    public static final Duration TIMEOUT_DURATION = Duration.ofSeconds(30);
    public static final int CIRCUIT_BREAKER_FAILURE_THRESHOLD = 5;
    public static final Duration CIRCUIT_BREAKER_RECOVERY_TIMEOUT = Duration.ofSeconds(60);
    public static final double RATE_LIMIT_REQUESTS_PER_SECOND = 10.0;
    public static final int RATE_LIMIT_BURST_SIZE = 1;
    public static final int WORKER_POOL_WORKERS = 4;

    private SchemaDefaults() {
    }
}
