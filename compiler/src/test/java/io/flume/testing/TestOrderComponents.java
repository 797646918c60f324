package io.flume.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.ComponentLibrary;
import io.flume.Flume;
import java.util.List;

/**
 * The component library of the declarative test files under {@code flume-tests/}: small orders as
 * JSON objects. Registered for {@link java.util.ServiceLoader} in the test resources.
 */
public final class TestOrderComponents implements ComponentLibrary {

    @Override
    public String name() {
        return "test-orders";
    }

    @Override
    public String description() {
        return "orders for the declarative test runner's own tests";
    }

    @Override
    public Flume<ObjectNode> create() {
        return Flume.builder(ObjectNode.class)
                .processor("validate", (ctx, order) -> {
                    if (!order.path("total").isNumber() || order.path("total").asDouble() <= 0) {
                        throw new IllegalArgumentException("order " + order.path("id").asText() + ": total must be a positive "
                                + "number, got " + order.get("total"));
                    }
                    return order;
                })
                .processor("classify", (ctx, order) -> order.put("priority", order.path("total").asDouble() >= 1000 ? "high" : "low"))
                .processor("discount", (ctx, order) -> order.put("total", order.path("total").asDouble() * 0.9))
                .processor("stamp", (ctx, order) -> {
                    order.put("source", ctx.topic());
                    order.put("timestamp", ctx.timestamp());
                    if (ctx.headers().lastHeader("trace") != null) {
                        order.put("trace", new String(ctx.headers().lastHeader("trace").value()));
                    }
                    return order;
                })
                .predicate("is-premium", order -> "premium".equals(order.path("tier").asText()))
                .condition("priority", List.of("high", "low"), order -> order.path("priority").asText())
                .reducer("merge", (original, results, errors) -> original)
                .build();
    }
}
