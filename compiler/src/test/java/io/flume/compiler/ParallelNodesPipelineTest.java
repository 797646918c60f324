package io.flume.compiler;

import static io.flume.compiler.ParallelComponents.value;
import static io.flume.compiler.TestComponents.schema;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Pipeline;
import io.flume.PipelineResult;
import io.flume.runtime.inline.ContestFailedException;
import io.flume.runtime.inline.RaceFailedException;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** In-process runs of race, contest, worker-pool and concurrent with a reducer. */
class ParallelNodesPipelineTest {

    private final ParallelComponents components = new ParallelComponents();
    private Pipeline<ObjectNode> pipeline;

    @AfterEach
    void closePipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private Pipeline<ObjectNode> pipeline(String yaml) {
        return pipeline(yaml, CompileOptions.defaults());
    }

    private Pipeline<ObjectNode> pipeline(String yaml, CompileOptions options) {
        pipeline = InlineCompiler.compile(schema(yaml), components.flume, options);
        return pipeline;
    }

    static void awaitInterrupted(ParallelComponents components, String processor) throws InterruptedException {
        // Up to 10 s: on a loaded 2-core machine the interrupted thread can wait seconds to run.
        for (int i = 0; i < 500 && !components.interrupted.contains(processor); i++) {
            Thread.sleep(20);
        }
        assertThat(components.interrupted).as("the losing child was interrupted").contains(processor);
    }

    @Test
    void raceKeepsFirstSuccessAndItsSends() {
        pipeline("""
                type: race
                children:
                  - type: sequence
                    children: [ { stream: slow-sent }, { ref: sleep-200 } ]
                  - type: sequence
                    children: [ { stream: fast-sent }, { ref: sleep-50 } ]
                """);

        PipelineResult<ObjectNode> result = pipeline.run("k1", value(1));

        assertThat(result.isFailed()).isFalse();
        assertThat(result.value().path("winner").asText()).isEqualTo("sleep-50");
        assertThat(result.sentTo("fast-sent")).hasSize(1);
        assertThat(result.sentTo("slow-sent")).as("sends of the loser").isEmpty();
    }

    @Test
    void raceWhoseFastestChildFailsTakesNextSuccess() {
        pipeline("""
                type: race
                children: [ { ref: fail-fast }, { ref: sleep-50 } ]
                """);

        PipelineResult<ObjectNode> result = pipeline.run("k1", value(1));

        assertThat(result.isFailed()).isFalse();
        assertThat(result.value().path("winner").asText()).isEqualTo("sleep-50");
        assertThat(components.finished).startsWith("fail-fast");
    }

    @Test
    void raceFailsWithEveryChildError() {
        pipeline("""
                type: race
                children: [ { ref: fail-fast }, { ref: fail-slow } ]
                """);

        PipelineResult<ObjectNode> result = pipeline.run("k1", value(1));

        assertThat(result.failure().nodePath()).isEqualTo("root");
        assertThat(result.failure().error()).isInstanceOf(RaceFailedException.class);
        assertThat(result.failure().message()).isEqualTo("all 2 children of race root (race) failed;"
                + " root.children[0] failed: IllegalStateException: fail-fast failed;"
                + " root.children[1] failed: IllegalArgumentException: fail-slow failed");
        assertThat(result.failure().error().getSuppressed()).extracting(Throwable::getMessage)
                .containsExactly("fail-fast failed", "fail-slow failed");
        assertThat(result.failure().input()).isEqualTo(value(1));
    }

    @Test
    void raceInterruptsLoserThatWouldBlock() throws InterruptedException {
        pipeline("""
                type: race
                children: [ { ref: sleep-minute }, { ref: tag-a } ]
                """);

        long start = System.nanoTime();
        PipelineResult<ObjectNode> result = pipeline.run("k1", value(1));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(result.value().path("a").asInt()).isEqualTo(1);
        assertThat(elapsedMillis).isLessThan(5_000L);
        // On a loaded machine the winner can finish before the loser's thread starts it. The
        // loser is then cancelled and never runs, which is as good as an interrupt.
        if (components.started.contains("sleep-minute")) {
            awaitInterrupted(components, "sleep-minute");
        }
        assertThat(components.finished).doesNotContain("sleep-minute");
    }

    @Test
    void racesInARowReuseThreadsOfInterruptedLosers() {
        pipeline("""
                type: race
                children: [ { ref: sleep-minute }, { ref: sleep-200 }, { ref: tag-a } ]
                """, CompileOptions.builder().inlineThreads(3).build());

        for (int i = 0; i < 200; i++) {
            PipelineResult<ObjectNode> result = pipeline.run("k" + i, value(i));

            assertThat(result.isFailed()).as("record %d: %s", i, result.failure()).isFalse();
            assertThat(result.value().path("a").asInt()).as("record %d", i).isEqualTo(1);
        }
    }

    @Test
    void nestedRaceWithoutFreeThreadFailsClearly() {
        pipeline("""
                type: race
                children:
                  - type: race
                    children: [ { ref: sleep-50 } ]
                """, CompileOptions.builder().inlineThreads(1).build());

        long start = System.nanoTime();
        PipelineResult<ObjectNode> result = pipeline.run("k1", value(1));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(elapsedMillis).as("no wait for a thread").isLessThan(4_000L);
        assertThat(result.failure().error()).isInstanceOf(RaceFailedException.class);
        Throwable inner = result.failure().error().getSuppressed()[0];
        assertThat(inner).isInstanceOf(RejectedExecutionException.class);
        assertThat(inner.getMessage()).startsWith("root.children[0] (race) cannot start child 1 of 1:"
                + " all 1 inline executor threads are busy").contains("CompileOptions.Builder.inlineThreads");
        assertThat(components.finished).doesNotContain("sleep-50");
    }

    @Test
    void contestTakesFirstResultThatSatisfiesPredicate() {
        pipeline("""
                type: contest
                predicate: cheap
                children: [ { ref: sleep-50 }, { ref: sleep-200 } ]
                """);

        PipelineResult<ObjectNode> result = pipeline.run("k1", value(1));

        assertThat(result.isFailed()).isFalse();
        assertThat(result.value().path("winner").asText()).as("the faster child's price is too high").isEqualTo("sleep-200");
        assertThat(result.value().path("price").asInt()).isEqualTo(5);
    }

    @Test
    void contestFailsWhenNoResultSatisfiesPredicate() {
        pipeline("""
                type: contest
                predicate: cheap
                children: [ { ref: sleep-50 }, { ref: fail-fast } ]
                """);

        PipelineResult<ObjectNode> result = pipeline.run("k1", value(1));

        assertThat(result.failure().error()).isInstanceOf(ContestFailedException.class);
        assertThat(result.failure().nodePath()).isEqualTo("root");
        assertThat(result.failure().message()).isEqualTo("no child of contest root (contest) returned a result that"
                + " satisfies predicate 'cheap';"
                + " root.children[0] returned {\"id\":1,\"winner\":\"sleep-50\",\"price\":500}, which does not satisfy it;"
                + " root.children[1] failed: IllegalStateException: fail-fast failed");
        assertThat(result.failure().error().getSuppressed()).extracting(Throwable::getMessage).containsExactly("fail-fast failed");
    }

    @Test
    void contestInterruptsLosers() throws InterruptedException {
        pipeline("""
                type: contest
                predicate: cheap
                children: [ { ref: sleep-minute }, { ref: sleep-200 } ]
                """);

        PipelineResult<ObjectNode> result = pipeline.run("k1", value(1));

        assertThat(result.value().path("winner").asText()).isEqualTo("sleep-200");
        awaitInterrupted(components, "sleep-minute");
    }

    @Test
    void workerPoolRunsAtMostWorkersAtOnce() {
        pipeline("""
                type: worker-pool
                workers: 2
                children: [ { ref: counted-50 }, { ref: counted-50 }, { ref: counted-50 }, { ref: counted-50 } ]
                """);

        PipelineResult<ObjectNode> result = pipeline.run("k1", value(1));

        assertThat(result.isFailed()).isFalse();
        assertThat(result.value()).as("the record continues unchanged").isEqualTo(value(1));
        assertThat(components.finished).containsExactly("counted-50", "counted-50", "counted-50", "counted-50");
        assertThat(components.maxRunning.get()).isEqualTo(2);
    }

    @Test
    void workerPoolFailsAfterOthersFinish() {
        pipeline("""
                type: worker-pool
                children:
                  - { ref: fail-fast }
                  - type: sequence
                    children: [ { ref: sleep-200 }, { stream: sent } ]
                  - { ref: fail-slow }
                """);

        PipelineResult<ObjectNode> result = pipeline.run("k1", value(1));

        assertThat(result.failure().nodePath()).as("the first failing child in schema order").isEqualTo("root.children[0]");
        assertThat(result.failure().message()).isEqualTo("fail-fast failed");
        assertThat(components.finished).contains("sleep-200", "fail-slow");
        assertThat(result.sentTo("sent")).as("sends of the children that succeeded").hasSize(1);
    }

    @Test
    void workerPoolDefaultsToFourWorkers() {
        pipeline("""
                type: worker-pool
                children: [ { ref: counted-50 }, { ref: counted-50 }, { ref: counted-50 }, { ref: counted-50 }, { ref: counted-50 } ]
                """);

        PipelineResult<ObjectNode> result = pipeline.run("k1", value(1));

        assertThat(result.isFailed()).as("failure: %s", result.failure()).isFalse();
        assertThat(components.maxRunning.get()).isBetween(1, 4);
        assertThat(components.finished).hasSize(5);
    }

    @Test
    void workerPoolInsideRaceWithoutThreadsFailsClearly() {
        pipeline("""
                type: race
                children:
                  - type: worker-pool
                    workers: 2
                    children: [ { ref: sleep-200 }, { ref: sleep-200 } ]
                """, CompileOptions.builder().inlineThreads(2).build());

        PipelineResult<ObjectNode> result = pipeline.run("k1", value(1));

        Throwable inner = result.failure().error().getSuppressed()[0];
        assertThat(inner).isInstanceOf(RejectedExecutionException.class);
        assertThat(inner.getMessage()).startsWith("root.children[0] (worker-pool) cannot start child 2 of 2:"
                + " all 2 inline executor threads are busy");
    }

    @Test
    void reducerSeesFailedChildInProcess() {
        pipeline("""
                type: concurrent
                reducer: merge
                children:
                  - type: sequence
                    name: first
                    children: [ { ref: tag-a }, { stream: a-sent } ]
                  - type: sequence
                    children: [ { stream: failing-sent }, { ref: fail-fast } ]
                  - { ref: tag-b }
                """);

        PipelineResult<ObjectNode> result = pipeline.run("k1", value(1));

        assertThat(result.isFailed()).isFalse();
        assertThat(result.value().path("a").asInt()).isEqualTo(1);
        assertThat(result.value().path("b").asInt()).isEqualTo(2);
        assertThat(result.value().path("errors").path("sequence").asText()).isEqualTo("IllegalStateException: fail-fast failed");
        assertThat(components.reductions).containsExactly("{\"id\":1} [first, tag-b] [sequence]");
        assertThat(result.sentTo("a-sent")).hasSize(1);
        assertThat(result.sentTo("failing-sent")).as("sends of a failed child are kept").hasSize(1);
    }

    @Test
    void duplicateChildNamesGetTheirPosition() {
        pipeline("""
                type: concurrent
                reducer: merge
                children: [ { ref: tag-a }, { ref: tag-b }, { ref: tag-a } ]
                """);

        pipeline.run("k1", value(1));

        assertThat(components.reductions).containsExactly("{\"id\":1} [tag-a#0, tag-b, tag-a#2] []");
    }

    @Test
    void reducerFailureFailsRecordInProcess() {
        pipeline("""
                type: concurrent
                reducer: explode
                children: [ { ref: tag-a } ]
                """);

        PipelineResult<ObjectNode> result = pipeline.run("k1", value(1));

        assertThat(result.failure().nodePath()).isEqualTo("root");
        assertThat(result.failure().message()).isEqualTo("reducer exploded");
        assertThat(result.failure().input()).isEqualTo(value(1));
    }

    @Test
    void nestedParallelNodesComplete() {
        pipeline("""
                type: worker-pool
                workers: 2
                children:
                  - type: race
                    children:
                      - { ref: fail-fast }
                      - type: concurrent
                        reducer: merge
                        children: [ { ref: tag-a }, { ref: tag-b } ]
                      - { ref: sleep-minute }
                  - type: contest
                    predicate: cheap
                    children: [ { ref: sleep-200 }, { ref: sleep-50 } ]
                """, CompileOptions.builder().inlineThreads(7).build());

        PipelineResult<ObjectNode> result = pipeline.run("k1", value(1));

        assertThat(result.isFailed()).as("2 + 3 + 2 threads are enough: %s", result.failure()).isFalse();
        assertThat(result.value()).isEqualTo(value(1));
        assertThat(components.reductions).containsExactly("{\"id\":1} [tag-a, tag-b] []");
    }
}

