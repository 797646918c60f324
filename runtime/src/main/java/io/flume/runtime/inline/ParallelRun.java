package io.flume.runtime.inline;

import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.processors.NodeId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;

/**
 * The children of one parallel node ({@code race}, {@code contest}, {@code worker-pool}) running
 * for one record on the {@link InlineExecutor}. Each child runs on a copy of the value and on a
 * fork of the execution; the caller takes the outcomes in the order the children finish, and
 * merges the forks it keeps.
 *
 * <p>A child that cannot start because every executor thread stays busy for 100 ms fails the
 * record with a {@link RejectedExecutionException} naming the node and the fix, instead of waiting
 * for a thread that only the node's own ancestors could free. {@link #cancelRunning()}
 * interrupts the children that have not finished, so a losing child gives its thread back as
 * soon as it reacts to the interrupt.
 *
 * <p>One instance serves one record and is used by one thread, the caller's.
 *
 * @param <T> the pipeline's value type
 */
public final class ParallelRun<T> {

    /**
     * The outcome of one child.
     *
     * @param index the child's position in the node's {@code children}
     * @param result the child's result, or null when it failed
     * @param failure the child's failure, or null when it succeeded
     * @param fork the execution the child ran on, which contains its sends
     */
    public record Outcome<T>(int index, T result, StepFailedException failure, Execution<T> fork) {

        public boolean succeeded() {
            return failure == null;
        }
    }

    private final NodeId node;
    private final String label;
    private final InlineExecutor executor;
    private final BlockingQueue<Outcome<T>> finished = new LinkedBlockingQueue<>();
    private final List<Future<?>> futures = new ArrayList<>();
    private int running;

    /**
     * @param label the node as failure messages name it, such as {@code root.children[1] (race)}
     */
    public ParallelRun(NodeId node, String label, InlineExecutor executor) {
        this.node = node;
        this.label = label;
        this.executor = executor;
    }

    /**
     * Starts child {@code index} on {@code copy} and a fork of {@code execution}.
     *
     * @throws StepFailedException when no executor thread is free, or the executor is closed;
     *                             the children already started keep running until {@link #cancelRunning()}
     */
    public void start(int index, int childCount, Step<T> child, Execution<T> execution, T copy, Object input)
            throws StepFailedException {
        Execution<T> fork = execution.fork();
        try {
            futures.add(executor.submit(() -> {
                finished.add(run(index, child, fork, copy));
                return null;
            }));
            running++;
        } catch (RejectedExecutionException e) {
            throw failure(input, new RejectedExecutionException(rejectedMessage(index, childCount), e));
        }
    }

    private Outcome<T> run(int index, Step<T> child, Execution<T> fork, T copy) {
        try {
            return new Outcome<>(index, child.apply(fork, copy), null, fork);
        } catch (StepFailedException e) {
            return new Outcome<>(index, null, e, fork);
        } catch (RuntimeException | Error e) {
            return new Outcome<>(index, null, failure(copy, e), fork);
        }
    }

    /** Returns the number of children started and not yet taken by {@link #next}. */
    public int running() {
        return running;
    }

    /**
     * Waits for the next child to finish and returns its outcome.
     *
     * @throws StepFailedException when the calling thread is interrupted while it waits; the
     *                             children are interrupted too, and the interrupt flag stays set
     */
    public Outcome<T> next(Object input) throws StepFailedException {
        try {
            Outcome<T> outcome = finished.take();
            running--;
            return outcome;
        } catch (InterruptedException e) {
            cancelRunning();
            Thread.currentThread().interrupt();
            throw failure(input, e);
        }
    }

    /** Interrupts every child that has not finished; their outcomes are dropped. */
    public void cancelRunning() {
        futures.forEach(future -> future.cancel(true));
    }

    /** Returns a failure of this node with {@code error}, for the record that carried {@code input}. */
    public StepFailedException failure(Object input, Throwable error) {
        return new StepFailedException(new NodeFailure(error, node.name(), node.path(), 1, Instant.now(), input));
    }

    private String rejectedMessage(int index, int childCount) {
        String child = "child " + (index + 1) + " of " + childCount;
        if (executor.isClosed()) {
            return label + " cannot start " + child + ": the inline executor is closed, because the application is closing";
        }
        return label + " cannot start " + child + ": all " + executor.threads() + " inline executor threads are busy"
                + " (every running child of a race, contest, worker-pool or timeout holds one, nested ones included,"
                + " and so does every record running such a node at the same time);"
                + " raise the inline thread count (inline-threads in the config, or CompileOptions.Builder.inlineThreads) or nest fewer parallel nodes";
    }
}
