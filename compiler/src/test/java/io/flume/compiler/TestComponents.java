package io.flume.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Flume;
import io.flume.api.Channel;
import io.flume.schema.Schema;
import io.flume.schema.SchemaParser;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Components and helpers shared by the compiler tests: values are small JSON objects. */
final class TestComponents {

    /** What the {@code record-context} processor saw, one line per call. */
    final List<String> contexts = new CopyOnWriteArrayList<>();
    /** The processors that ran, in order, by name. */
    final List<String> calls = new CopyOnWriteArrayList<>();
    final Channel<ObjectNode> direct = Channel.direct(1);

    final Flume<ObjectNode> flume = Flume.builder(ObjectNode.class)
            .processor("validate", (ctx, order) -> {
                calls.add("validate");
                if (order.path("total").asDouble() <= 0) {
                    throw new IllegalArgumentException("invalid total " + order.path("total"));
                }
                return order;
            })
            .processor("mark", (ctx, order) -> {
                calls.add("mark");
                return order.put("marked", true);
            })
            .processor("double", (ctx, order) -> {
                calls.add("double");
                return order.put("total", order.path("total").asDouble() * 2);
            })
            .processor("scribble-then-fail", (ctx, order) -> {
                calls.add("scribble-then-fail");
                order.put("scribbled", true);
                throw new IllegalStateException("failed after scribbling");
            })
            .processor("return-null", (ctx, order) -> null)
            .processor("record-context", (ctx, order) -> {
                contexts.add(ctx.key() + "|" + ctx.topic() + "|" + ctx.partition() + "|" + ctx.offset() + "|"
                        + ctx.timestamp() + "|" + ctx.nodePath() + "|" + ctx.nodeName() + "|" + ctx.attempt() + "|"
                        + (ctx.headers().lastHeader("trace") == null ? "-" : new String(ctx.headers().lastHeader("trace").value())));
                return order;
            })
            .processor("flaky", (ctx, order) -> {
                calls.add("flaky@" + ctx.attempt());
                order.put("bumps", order.path("bumps").asInt() + 1);
                if (ctx.attempt() <= order.path("fail_attempts").asInt()) {
                    throw new IllegalStateException("flaky failure on attempt " + ctx.attempt());
                }
                return order.put("attempt", ctx.attempt());
            })
            .processor("slow", (ctx, order) -> {
                Thread.sleep(order.path("sleep_ms").asLong());
                calls.add("slow");
                return order;
            })
            .predicate("is-big", order -> order.path("total").asDouble() >= 100)
            .predicate("explode", order -> {
                throw new IllegalStateException("predicate exploded");
            })
            .condition("tier", List.of("gold", "silver"), order -> order.path("tier").asText())
            .condition("null-condition", order -> null)
            .channel("fast", direct)
            .build();

    static ObjectNode order(double total) {
        return JsonNodeFactory.instance.objectNode().put("total", total);
    }

    static ObjectNode order(double total, String tier) {
        return order(total).put("tier", tier);
    }

    static Schema schema(String yaml) {
        return SchemaParser.parse(yaml, "<inline>");
    }

    static double total(JsonNode value) {
        return value.path("total").asDouble();
    }
}
