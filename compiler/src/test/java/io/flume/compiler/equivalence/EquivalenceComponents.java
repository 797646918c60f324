package io.flume.compiler.equivalence;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Flume;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;

/**
 * Deterministic components for the back-end equivalence tests. Values are JSON objects with the
 * integer fields {@code a} and {@code b} and the text field {@code tag} ({@code x}, {@code y},
 * {@code z} or missing). Every component depends only on the value, the record's headers, the
 * key, the node's name and the attempt number, so both back-ends must produce the same output.
 * Values hold integers only, so that they read back from a topic as the same JSON text.
 */
final class EquivalenceComponents {

    /** Processors that change fields and never fail. */
    static final List<String> CHANGING_PROCESSORS = List.of("inc-a", "double-b", "flip-tag", "trace", "stamp-attempt",
            "stamp-key", "return-new-value");
    /** Processors that fail for some values. */
    static final List<String> FAILING_PROCESSORS = List.of("fail-odd-a", "fail-big-b", "flaky", "null-on-zero-b");
    /** Processors that write and read the header {@code h}. */
    static final List<String> HEADER_PROCESSORS = List.of("set-header", "read-header");
    /**
     * Processors named like the suffixes of the Kafka Streams processors that nodes create
     * ({@code NODE.send}, {@code NODE.enter}, {@code NODE.copy}...), so that a {@code ref} child
     * can get the same name as a processor of its parent. Each appends its name to the array
     * {@code steps}.
     */
    static final List<String> SUFFIX_NAMED_PROCESSORS = List.of("send", "sink", "enter", "leave", "branch", "restore",
            "error-handler", "copy", "end", "report", "open", "bypass", "gather", "decide", "inline");
    static final List<String> PREDICATES = List.of("a-even", "b-small", "tag-x-or-explode");
    /** The registered conditions with the values each declares. */
    static final Map<String, List<String>> CONDITIONS = Map.of(
            "tag", List.of("x", "y", "z"),
            "a-mod-3", List.of("0", "1", "2"),
            "b-class-or-null", List.of("low", "high"),
            "tag-or-default", List.of("x", "y", "default"));
    static final String REDUCER = "merge";
    static final String ERROR_HANDLER = "recover-some";

    private EquivalenceComponents() {
    }

    static Flume<ObjectNode> create() {
        Flume.Builder<ObjectNode> builder = Flume.builder(ObjectNode.class);
        for (String name : SUFFIX_NAMED_PROCESSORS) {
            builder.processor(name, (ctx, value) -> {
                value.withArray("steps").add(name);
                return value;
            });
        }
        return builder
                .processor("inc-a", (ctx, value) -> value.put("a", a(value) + 1))
                .processor("double-b", (ctx, value) -> value.put("b", (b(value) * 2) % 100))
                .processor("flip-tag", (ctx, value) -> value.put("tag", switch (value.path("tag").asText()) {
                    case "x" -> "y";
                    case "y" -> "z";
                    default -> "x";
                }))
                .processor("trace", (ctx, value) -> {
                    value.withArray("trace").add(ctx.nodeName());
                    return value;
                })
                .processor("stamp-attempt", (ctx, value) -> value.put("attempt", ctx.attempt()))
                .processor("return-new-value", (ctx, value) -> {
                    // Returns a new object and marks the input as stale: a node that continued with
                    // its input instead of the processor's result would show the mark.
                    ObjectNode result = value.deepCopy().put("renewed", true);
                    value.put("stale", true);
                    return result;
                })
                .processor("stamp-key", (ctx, value) -> value.put("key", String.valueOf(ctx.key())))
                .processor("fail-odd-a", (ctx, value) -> {
                    // Changes the value in place before failing: the failure must keep the value as the node received it.
                    value.put("scribbled", true);
                    if (a(value) % 2 != 0) {
                        throw new IllegalStateException("a is odd: " + a(value));
                    }
                    value.remove("scribbled");
                    return value;
                })
                .processor("fail-big-b", (ctx, value) -> {
                    if (b(value) >= 6) {
                        throw new IllegalArgumentException("b is too big: " + b(value));
                    }
                    return value;
                })
                .processor("flaky", (ctx, value) -> {
                    if (ctx.attempt() <= a(value) % 3) {
                        throw new IllegalStateException("flaky failure on attempt " + ctx.attempt());
                    }
                    return value.put("passed-on", ctx.attempt());
                })
                .processor("null-on-zero-b", (ctx, value) -> b(value) == 0 ? null : value.put("nonzero", true))
                .processor("set-header", (ctx, value) -> {
                    ctx.headers().remove("h");
                    ctx.headers().add("h", value.path("tag").asText("-").getBytes(StandardCharsets.UTF_8));
                    return value;
                })
                .processor("read-header", (ctx, value) -> {
                    Header header = ctx.headers().lastHeader("h");
                    return value.put("h", header == null ? "-" : new String(header.value(), StandardCharsets.UTF_8));
                })
                .predicate("a-even", value -> a(value) % 2 == 0)
                .predicate("b-small", value -> b(value) < 5)
                .predicate("tag-x-or-explode", value -> {
                    if (value.path("tag").asText().equals("z")) {
                        throw new IllegalStateException("predicate rejects tag z");
                    }
                    return value.path("tag").asText().equals("x");
                })
                .condition("tag", CONDITIONS.get("tag"), value -> value.path("tag").asText())
                .condition("a-mod-3", CONDITIONS.get("a-mod-3"), value -> String.valueOf(a(value) % 3))
                .condition("b-class-or-null", CONDITIONS.get("b-class-or-null"),
                        value -> b(value) >= 9 ? null : b(value) < 3 ? "low" : "high")
                .condition("tag-or-default", CONDITIONS.get("tag-or-default"), value -> value.path("tag").asText("default"))
                .reducer(REDUCER, (original, results, errors) -> {
                    if (a(original) == 7) {
                        throw new IllegalStateException("reducer rejects a = 7");
                    }
                    List<String> parts = new ArrayList<>();
                    results.forEach((child, result) -> parts.add(child + "=" + result));
                    errors.forEach((child, error) -> parts.add(child + "!" + error.getClass().getSimpleName() + ": "
                            + error.getMessage()));
                    return original.put("merged", String.join("; ", parts));
                })
                .errorHandler(ERROR_HANDLER, failure -> {
                    switch (failure.value().path("tag").asText()) {
                        case "x":
                            return failure.value().put("recovered", failure.nodePath() + "#" + failure.attempts());
                        case "y":
                            if (failure.error() instanceof Exception original) {
                                throw original;
                            }
                            throw new IllegalStateException("the failure's error is not an Exception", failure.error());
                        case "z":
                            throw new IllegalStateException("handler gives up on " + failure.nodePath());
                        default:
                            return null;
                    }
                })
                .build();
    }

    private static int a(ObjectNode value) {
        return value.path("a").asInt();
    }

    private static int b(ObjectNode value) {
        return value.path("b").asInt();
    }
}
