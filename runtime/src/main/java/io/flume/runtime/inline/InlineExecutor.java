package io.flume.runtime.inline;

import io.flume.runtime.live.LiveParameters;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded thread pool on which inline nodes run their children in parallel or under a time
 * limit ({@code race}, {@code contest}, {@code worker-pool}, {@code timeout}). There is one per
 * compiled topology or pipeline, that is one per application instance, shared by its stream
 * threads; close it with the application.
 *
 * <p>The pool has no queue: a task starts on a free thread, waiting at most 100 ms for a thread
 * that is finishing its previous task, or is rejected with a {@link RejectedExecutionException}.
 * Queuing would let a nested child wait for a thread that only its own ancestors could free, and
 * never start. Rejecting fails the record, with a message that names the fix. Threads
 * are daemon threads named {@code flume-inline-N}, started on demand and stopped after
 * {@link #IDLE_TIMEOUT_SECONDS} idle seconds, so a pool that is never closed keeps no thread
 * for long.
 */
public final class InlineExecutor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InlineExecutor.class);

    /** How long an idle thread stays before it stops. */
    public static final long IDLE_TIMEOUT_SECONDS = 30;
    /** How long {@link #close} waits for interrupted tasks to end. */
    private static final long CLOSE_WAIT_SECONDS = 5;

    /** How long {@link #submit} retries while a thread is finishing its previous task. */
    private static final long HANDOFF_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long HANDOFF_RETRY_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final int threads;
    private volatile LiveParameters live;
    private final ThreadPoolExecutor pool;

    public InlineExecutor(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("the inline executor needs at least 1 thread, got " + threads);
        }
        this.threads = threads;
        this.pool = new ThreadPoolExecutor(threads, threads, IDLE_TIMEOUT_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), new NamedDaemonThreads(), new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
    }

    /** Returns the default size: twice the number of processors, and at least 4. */
    public static int defaultThreads() {
        return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    }

    /**
     * Starts {@code task} on a free thread.
     *
     * @throws RejectedExecutionException when every thread is busy for 100 ms, or the executor
     *                                    is closed
     */
    public <V> Future<V> submit(Callable<V> task) {
        LiveParameters parameters = live;
        Callable<V> carried = parameters == null ? task : parameters.carrying(task);
        long deadline = System.nanoTime() + HANDOFF_WAIT_NANOS;
        while (true) {
            try {
                return pool.submit(carried);
            } catch (RejectedExecutionException e) {
                // A thread whose task has just finished, or whose task was just interrupted (the
                // losing children of a race), is not yet waiting for the next one, so the hand-off
                // fails although the thread is about to be free. It still counts as active, so
                // retry briefly even when every thread looks busy.
                if (pool.isShutdown() || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                LockSupport.parkNanos(HANDOFF_RETRY_NANOS);
            }
        }
    }

    /**
     * Makes every task run with the version of {@code parameters} that the submitting thread
     * reads, so that a record's children see the same parameters as the node that started them.
     */
    public void carry(LiveParameters parameters) {
        this.live = parameters;
    }

    /** Returns the maximum number of threads. */
    public int threads() {
        return threads;
    }

    /** Returns the number of threads running a task now. */
    public int busyThreads() {
        return pool.getActiveCount();
    }

    public boolean isClosed() {
        return pool.isShutdown();
    }

    /** Interrupts running tasks, rejects new ones, and waits up to 5 seconds for the threads to end. */
    @Override
    public void close() {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Inline executor threads still run {} s after being interrupted; a child ignores interrupts",
                        CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class NamedDaemonThreads implements ThreadFactory {

        private final AtomicInteger counter = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "flume-inline-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
