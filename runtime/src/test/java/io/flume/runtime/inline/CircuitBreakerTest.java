package io.flume.runtime.inline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private final CircuitBreaker breaker = new CircuitBreaker("root.x", 3, Duration.ofSeconds(60));

    private void failTimes(int count, long now) {
        for (int i = 0; i < count; i++) {
            breaker.failed(breaker.acquire(now), now, "boom");
        }
    }

    @Test
    void successResetsConsecutiveFailures() {
        failTimes(2, START);
        breaker.succeeded(breaker.acquire(START));
        failTimes(2, START);

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void reconfiguredThresholdCountsFailuresSoFar() {
        failTimes(2, START);

        breaker.reconfigure(2, Duration.ofSeconds(5));
        failTimes(1, START);

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.acquire(START + 5_000)).as("the new recovery timeout").isEqualTo(CircuitBreaker.Permit.TRIAL);
    }

    @Test
    void thresholdOpensCircuit() {
        failTimes(3, START);

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> breaker.acquire(START + 59_999))
                .isInstanceOfSatisfying(CircuitOpenException.class, e -> {
                    assertThat(e.openUntil()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
                    assertThat(e.nodePath()).isEqualTo("root.x");
                })
                .hasMessage("circuit of root.x is open until 2026-01-01T00:01:00Z after 3 consecutive failures (last: boom);"
                        + " records fail fast until then, when one trial record is let through");
    }

    @Test
    void halfOpenLetsExactlyOneTrialThrough() {
        failTimes(3, START);

        CircuitBreaker.Permit trial = breaker.acquire(START + 60_000);

        assertThat(trial).isEqualTo(CircuitBreaker.Permit.TRIAL);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThatThrownBy(() -> breaker.acquire(START + 60_001)).isInstanceOf(CircuitOpenException.class)
                .hasMessageContaining("half-open and its trial record is still running");
    }

    @Test
    void trialSuccessClosesAndTrialFailureReopens() {
        failTimes(3, START);
        breaker.succeeded(breaker.acquire(START + 60_000));
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);

        failTimes(3, START + 70_000);
        breaker.failed(breaker.acquire(START + 130_000), START + 130_000, "still down");

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> breaker.acquire(START + 189_999)).isInstanceOf(CircuitOpenException.class)
                .hasMessageContaining("open until 2026-01-01T00:03:10Z after its trial record failed (still down)");
    }

    @Test
    void lateResultsOfEarlierRecordsChangeNothing() {
        CircuitBreaker.Permit early = breaker.acquire(START);
        failTimes(3, START);

        breaker.succeeded(early);

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    }
}
