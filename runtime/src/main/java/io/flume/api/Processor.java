package io.flume.api;

/**
 * Transforms one record's value. A processor is registered under a name and referenced from a
 * schema with {@code ref: NAME}.
 *
 * <p>Throwing fails the record: the failure carries the node path and travels to the nearest
 * node that handles failures, or to the dead-letter topic. A processor may return the value it
 * received after changing it in place, or a new value.
 *
 * <pre>{@code
 * Processor<ObjectNode> stamp = (ctx, order) -> order.put("seen_at", ctx.timestamp());
 * }</pre>
 *
 * @param <T> the pipeline's value type
 */
@FunctionalInterface
public interface Processor<T> {

    /** Processes {@code value} and returns the value that continues down the pipeline. */
    T process(ProcessingContext context, T value) throws Exception;
}
