package io.flume.runtime.inline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InlineExecutorTest {

    @Test
    void runsTasksOnNamedDaemonThreads() throws Exception {
        try (InlineExecutor executor = new InlineExecutor(2)) {
            Thread thread = executor.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);

            assertThat(thread.getName()).isEqualTo("flume-inline-1");
            assertThat(thread.isDaemon()).isTrue();
        }
    }

    @Test
    void fullExecutorRejectsInsteadOfQueuing() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (InlineExecutor executor = new InlineExecutor(1)) {
            Future<Boolean> busy = executor.submit(() -> release.await(5, TimeUnit.SECONDS));

            assertThatThrownBy(() -> executor.submit(() -> "second")).isInstanceOf(RejectedExecutionException.class);
            release.countDown();
            assertThat(busy.get(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void closeInterruptsTasksAndStopsThreads() throws Exception {
        AtomicReference<Thread> worker = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        InlineExecutor executor = new InlineExecutor(2);
        Future<Object> task = executor.submit(() -> {
            worker.set(Thread.currentThread());
            started.countDown();
            Thread.sleep(60_000);
            return null;
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        executor.close();

        worker.get().join(1_000);
        assertThat(worker.get().isAlive()).isFalse();
        assertThat(task.isDone()).isTrue();
        assertThat(executor.isClosed()).isTrue();
        assertThatThrownBy(() -> executor.submit(() -> "late")).isInstanceOf(RejectedExecutionException.class);
    }
}
