package io.flume.compiler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Flume;
import io.flume.api.FailedRecord;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Components for the tests of fallback, handle and retry: values are small JSON orders. */
final class FailoverComponents {

    /** The failures the error handlers received, in order. */
    final List<FailedRecord<ObjectNode>> handled = new CopyOnWriteArrayList<>();
    /** The attempt numbers {@code flaky} saw, in order. */
    final List<Integer> attempts = new CopyOnWriteArrayList<>();
    /** The processors that ran, in order, by name. */
    final List<String> calls = new CopyOnWriteArrayList<>();

    final Flume<ObjectNode> flume = Flume.builder(ObjectNode.class)
            .processor("double", (ctx, order) -> {
                calls.add("double");
                return order.put("total", order.path("total").asDouble() * 2);
            })
            .processor("mark", (ctx, order) -> {
                calls.add("mark");
                return order.put("marked", true);
            })
            .processor("scribble-then-fail", (ctx, order) -> {
                calls.add("scribble-then-fail");
                order.put("scribbled", true);
                throw new IllegalStateException("failed after scribbling");
            })
            .processor("fail-second", (ctx, order) -> {
                calls.add("fail-second");
                throw new IllegalArgumentException("second failed too");
            })
            // Fails while the attempt number is at most the order's fail_attempts (absent: 0).
            .processor("flaky", (ctx, order) -> {
                calls.add("flaky");
                attempts.add(ctx.attempt());
                if (ctx.attempt() <= order.path("fail_attempts").asInt(0)) {
                    order.put("scribbled", true);
                    throw new IllegalStateException("flaky failed on attempt " + ctx.attempt());
                }
                return order.put("attempt", ctx.attempt());
            })
            .errorHandler("recover", failure -> {
                handled.add(failure);
                return failure.value().deepCopy().put("recovered", failure.error().getMessage());
            })
            .errorHandler("give-up", failure -> {
                handled.add(failure);
                throw new UnsupportedOperationException("handler gave up on " + failure.nodePath());
            })
            .errorHandler("rethrow", failure -> {
                handled.add(failure);
                throw (Exception) failure.error();
            })
            .errorHandler("return-null", failure -> {
                handled.add(failure);
                return null;
            })
            .build();
}
