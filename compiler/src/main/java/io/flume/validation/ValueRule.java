package io.flume.validation;

import io.flume.schema.GoDuration;
import io.flume.schema.Node;
import io.flume.schema.NodeType;
import io.flume.schema.SchemaFields;
import java.time.Duration;
import java.util.List;

/**
 * Checks that counts are at least 1, rates and durations are positive, and optional component
 * names are not empty. Fields the node's type does not take are left to {@link FieldRule}.
 */
final class ValueRule implements NodeRule {

    @Override
    public void check(Node node, List<Node> ancestors, Problems problems) {
        NodeType type = node.type();
        if (type == null) {
            return;
        }
        List<String> allowed = type.allowedFields();

        checkCount(node, allowed, SchemaFields.ATTEMPTS, node.attempts(), " (it counts every run, the first included)", problems);
        checkCount(node, allowed, SchemaFields.WORKERS, node.workers(), "", problems);
        checkCount(node, allowed, SchemaFields.FAILURE_THRESHOLD, node.failureThreshold(), "", problems);
        checkCount(node, allowed, SchemaFields.BURST_SIZE, node.burstSize(), "", problems);
        checkRate(node, allowed, problems);

        checkDuration(node, allowed, SchemaFields.BACKOFF, node.backoff(), problems);
        checkDuration(node, allowed, SchemaFields.DURATION, node.duration(), problems);
        checkDuration(node, allowed, SchemaFields.RECOVERY_TIMEOUT, node.recoveryTimeout(), problems);
        checkDuration(node, allowed, SchemaFields.STREAM_TIMEOUT, node.streamTimeout(), problems);

        boolean emptyReducer = allowed.contains(SchemaFields.REDUCER)
                && node.has(SchemaFields.REDUCER)
                && !node.hasProblem(SchemaFields.REDUCER)
                && NodeFields.isBlank(node.reducer());
        if (emptyReducer) {
            problems.error(node, node.positionOf(SchemaFields.REDUCER), "'reducer' is empty; name a registered"
                    + " reducer or remove the field");
        }
    }

    private static void checkCount(Node node, List<String> allowed, String field, Integer value, String note,
            Problems problems) {
        if (value != null && value < 1 && allowed.contains(field)) {
            problems.error(node, node.positionOf(field), field + " must be at least 1" + note + ", got " + value);
        }
    }

    private static void checkRate(Node node, List<String> allowed, Problems problems) {
        Double rate = node.requestsPerSecond();
        if (rate == null || !allowed.contains(SchemaFields.REQUESTS_PER_SECOND)) {
            return;
        }
        if (!(rate > 0) || rate.isInfinite()) {
            problems.error(node, node.positionOf(SchemaFields.REQUESTS_PER_SECOND),
                    "requests_per_second must be a positive finite number, got " + format(rate));
        }
    }

    private static void checkDuration(Node node, List<String> allowed, String field, Duration value, Problems problems) {
        if (value == null || !allowed.contains(field)) {
            return;
        }
        if (value.isNegative() || value.isZero()) {
            problems.error(node, node.positionOf(field), field + " must be a positive duration, got '"
                    + GoDuration.format(value) + "'; write one such as '100ms' or '1.5s'");
        }
    }

    private static String format(double number) {
        if (number == Math.rint(number) && !Double.isInfinite(number)) {
            return Long.toString((long) number);
        }
        return Double.toString(number);
    }
}
