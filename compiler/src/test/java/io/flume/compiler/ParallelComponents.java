package io.flume.compiler;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Flume;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Components of the parallel node tests: processors that sleep, fail or tag the value, and a reducer. */
final class ParallelComponents {

    /** The processors that finished, in order, by name. */
    final List<String> finished = new CopyOnWriteArrayList<>();
    /** The sleeping processors that began to run; a child cancelled before its thread ran it is missing. */
    final List<String> started = new CopyOnWriteArrayList<>();
    /** The processors whose sleep was interrupted, by name. */
    final List<String> interrupted = new CopyOnWriteArrayList<>();
    /** How many processors of a worker pool ran at once, at most. */
    final AtomicInteger maxRunning = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    /** What the reducer received, one entry per call: the original, the results and the errors. */
    final List<String> reductions = new CopyOnWriteArrayList<>();

    final Flume<ObjectNode> flume = Flume.builder(ObjectNode.class)
            .processor("fail-fast", (ctx, value) -> {
                finished.add("fail-fast");
                throw new IllegalStateException("fail-fast failed");
            })
            .processor("fail-slow", (ctx, value) -> {
                sleep("fail-slow", 100);
                throw new IllegalArgumentException("fail-slow failed");
            })
            .processor("sleep-50", (ctx, value) -> {
                sleep("sleep-50", 50);
                return value.put("winner", "sleep-50").put("price", 500);
            })
            .processor("sleep-200", (ctx, value) -> {
                sleep("sleep-200", 200);
                return value.put("winner", "sleep-200").put("price", 5);
            })
            .processor("sleep-minute", (ctx, value) -> {
                sleep("sleep-minute", 60_000);
                return value.put("winner", "sleep-minute");
            })
            .processor("counted-50", (ctx, value) -> {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    sleep("counted-50", 50);
                } finally {
                    running.decrementAndGet();
                }
                return value.put("counted", true);
            })
            .processor("fail-once", (ctx, value) -> {
                if (ctx.attempt() == 1) {
                    throw new IllegalStateException("fail-once failed on attempt 1");
                }
                return value.put("attempt", ctx.attempt());
            })
            .processor("tag-a", (ctx, value) -> value.put("a", 1))
            .processor("tag-b", (ctx, value) -> value.put("b", 2))
            .predicate("cheap", value -> value.path("price").asInt(1_000) < 100)
            .reducer("merge", (original, results, errors) -> {
                reductions.add(original + " " + results.keySet() + " " + errors.keySet());
                ObjectNode merged = original.deepCopy();
                results.values().forEach(result -> result.fields().forEachRemaining(field -> merged.set(field.getKey(), field.getValue())));
                errors.forEach((child, error) -> merged.withObject("/errors").put(child, error.getClass().getSimpleName() + ": " + error.getMessage()));
                return merged;
            })
            .reducer("explode", (original, results, errors) -> {
                throw new IllegalStateException("reducer exploded");
            })
            .build();

    private void sleep(String name, long millis) throws InterruptedException {
        started.add(name);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            interrupted.add(name);
            throw e;
        }
        finished.add(name);
    }

    static ObjectNode value(int id) {
        return JsonNodeFactory.instance.objectNode().put("id", id);
    }
}
