package io.flume.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaseRunnerTest {

    @Test
    void advanceStepsNeverExceedBound() {
        List<Duration> steps = new ArrayList<>();

        CaseRunner.advance(Duration.ofSeconds(25), Duration.ofSeconds(10), steps::add);

        assertThat(steps).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(5));
    }

    @Test
    void advanceWithoutPunctuationsIsOneStep() {
        List<Duration> steps = new ArrayList<>();

        CaseRunner.advance(Duration.ofHours(2), CaseRunner.ADVANCE_STEP_BOUND, steps::add);

        assertThat(steps).containsExactly(Duration.ofHours(2));
    }

    @Test
    void advanceRejectsZeroBound() {
        assertThatThrownBy(() -> CaseRunner.advance(Duration.ofSeconds(1), Duration.ZERO, step -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the step bound must be positive, got PT0S");
    }
}
