package io.flume;

import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.inline.Execution;
import io.flume.runtime.inline.InlineExecutor;
import io.flume.runtime.inline.Step;
import io.flume.runtime.inline.StepFailedException;
import io.flume.schema.Schema;
import java.time.Clock;
import java.util.Map;

/**
 * A schema compiled for in-process execution: the whole pipeline as a function, without Kafka.
 * Components see a context without a topic; the key is what the caller passes.
 *
 * <pre>{@code
 * Pipeline<ObjectNode> pipeline = flume.pipeline(schema);
 * ObjectNode enriched = pipeline.process(order);        // throws PipelineException on failure
 * PipelineResult<ObjectNode> result = pipeline.run("k1", order);   // never throws for a failed record
 * }</pre>
 *
 * <p>A pipeline may be run from many threads at once; its circuit breakers and rate limiters are
 * shared by them. {@link #close} it to stop the threads that run {@code timeout} children.
 *
 * @param <T> the pipeline's value type
 */
public final class Pipeline<T> implements AutoCloseable {

    private final Schema schema;
    private final Step<T> root;
    private final Map<String, String> nodeNames;
    private final Clock clock;
    private final InlineExecutor executor;

    /**
     * @param clock the clock that circuit breakers read
     * @param executor the executor of {@code timeout} children, which this pipeline closes
     */
    public Pipeline(Schema schema, Step<T> root, Map<String, String> nodeNames, Clock clock, InlineExecutor executor) {
        this.schema = schema;
        this.root = root;
        this.nodeNames = Map.copyOf(nodeNames);
        this.clock = clock;
        this.executor = executor;
    }

    public Schema schema() {
        return schema;
    }

    /** Returns the stable name of every node, by schema path. */
    public Map<String, String> nodeNames() {
        return nodeNames;
    }

    /**
     * Runs the pipeline on {@code value} and returns the value that comes out of the root node.
     *
     * @throws PipelineException when the record fails, with the failing node's path and the value it received
     */
    public T process(T value) {
        return process(null, value);
    }

    public T process(Object key, T value) {
        Execution<T> execution = Execution.standalone(key, clock);
        try {
            return root.apply(execution, value);
        } catch (StepFailedException e) {
            throw new PipelineException(e.failure());
        }
    }

    /** Runs the pipeline and returns everything that happened; a failed record does not throw. */
    public PipelineResult<T> run(Object key, T value) {
        Execution<T> execution = Execution.standalone(key, clock);
        try {
            T output = root.apply(execution, value);
            return new PipelineResult<>(output, null, execution);
        } catch (StepFailedException e) {
            NodeFailure failure = e.failure();
            return new PipelineResult<>(null, failure, execution);
        }
    }

    /** Stops the threads that run {@code timeout} children; later runs that reach a {@code timeout} fail. */
    @Override
    public void close() {
        executor.close();
    }
}
