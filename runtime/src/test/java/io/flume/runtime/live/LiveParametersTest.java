package io.flume.runtime.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Live parameters: one version swapped at once, and pinned for the whole of a record's run. */
class LiveParametersTest {

    @Test
    void swapReplacesEveryNodeAtOnce() {
        LiveParameters running = new LiveParameters();
        Parameter<Integer> attempts = running.register("root.children[0]", 3);
        Parameter<Duration> timeout = running.register("root.children[1]", Duration.ofSeconds(1));
        LiveParameters reloaded = new LiveParameters();
        reloaded.register("root.children[0]", 5);
        reloaded.register("root.children[1]", Duration.ofSeconds(2));

        running.swap(reloaded);

        assertThat(attempts.get()).isEqualTo(5);
        assertThat(timeout.get()).isEqualTo(Duration.ofSeconds(2));
        assertThat(running.version()).isEqualTo(1);
    }

    @Test
    void pinnedRecordSeesOneVersionThroughout() {
        LiveParameters running = new LiveParameters();
        Parameter<Integer> first = running.register("a", 1);
        Parameter<Integer> second = running.register("b", 1);
        LiveParameters reloaded = new LiveParameters();
        reloaded.register("a", 2);
        reloaded.register("b", 2);
        List<Integer> seen = new ArrayList<>();

        running.pinned(() -> {
            seen.add(first.get());
            running.swap(reloaded);
            seen.add(second.get());
        });

        assertThat(seen).as("the record that entered before the swap").containsExactly(1, 1);
        assertThat(second.get()).as("the next record").isEqualTo(2);
    }

    @Test
    void taskOnAnotherThreadSeesTheRecordsVersion() throws Exception {
        LiveParameters running = new LiveParameters();
        Parameter<Integer> timeout = running.register("a", 1);
        LiveParameters reloaded = new LiveParameters();
        reloaded.register("a", 2);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Integer seen = running.pinned(() -> {
                Callable<Integer> child = running.carrying(timeout::get);
                running.swap(reloaded);
                try {
                    return other.submit(child).get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            assertThat(seen).isEqualTo(1);
            assertThat(other.submit(timeout::get).get(10, TimeUnit.SECONDS)).as("a thread without a record").isEqualTo(2);
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void swapWithOtherNodesIsRejected() {
        LiveParameters running = new LiveParameters();
        running.register("a", 1);
        LiveParameters reloaded = new LiveParameters();
        reloaded.register("b", 1);

        assertThatThrownBy(() -> running.swap(reloaded)).hasMessageContaining("needs a restart");
        assertThat(running.version()).isZero();
    }

    @Test
    void swapWithOtherKindIsRejected() {
        LiveParameters running = new LiveParameters();
        running.register("a", 1);
        LiveParameters reloaded = new LiveParameters();
        reloaded.register("a", Duration.ofSeconds(1));

        assertThatThrownBy(() -> running.swap(reloaded)).hasMessageContaining("node a has parameters of another kind");
    }
}
