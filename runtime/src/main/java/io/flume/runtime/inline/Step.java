package io.flume.runtime.inline;

/**
 * One compiled node of the inline back-end: a plain function from the value a node receives to
 * the value it passes on, run inside one processor or by {@code pipeline.process(value)}.
 *
 * @param <T> the pipeline's value type
 */
@FunctionalInterface
public interface Step<T> {

    /** Runs the node on {@code value}; a failure carries the failing node's name, path and input. */
    T apply(Execution<T> execution, T value) throws StepFailedException;
}
