package io.flume.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flume.cli.RunSession.ProgressThrottle;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/** The wording and pacing of {@code flume run}'s messages, without a broker. */
class RunSessionTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void countUsesSingularForOne() {
        assertThat(RunSession.count(0, "record")).isEqualTo("0 records");
        assertThat(RunSession.count(1, "record")).isEqualTo("1 record");
        assertThat(RunSession.count(2, "record")).isEqualTo("2 records");
    }

    @Test
    void stopReasonNamesTimeoutInGoFormat() {
        String reason = RunSession.stopReason(Optional.empty(), KafkaStreams.State.RUNNING, Duration.ofMinutes(10));

        assertThat(reason).isEqualTo("timed out after 10m0s");
    }

    @Test
    void stopReasonOfStoppedApplicationIsNoTimeout() {
        String reason = RunSession.stopReason(Optional.empty(), KafkaStreams.State.PENDING_SHUTDOWN, Duration.ofMinutes(10));

        assertThat(reason).isEqualTo("the application stopped (Kafka Streams is PENDING_SHUTDOWN)");
    }

    @Test
    void stopReasonOfFailedApplicationNamesFailure() {
        String reason = RunSession.stopReason(Optional.of(new IllegalStateException("boom")), KafkaStreams.State.ERROR,
                Duration.ofSeconds(90));

        assertThat(reason).isEqualTo("the application failed: java.lang.IllegalStateException: boom");
    }

    @Test
    void progressPrintsChangedCountsAtMostEverySecond() {
        ProgressThrottle throttle = new ProgressThrottle(0, 0);

        assertThat(throttle.shouldPrint(SECOND / 2, 5)).as("changed, but too soon").isFalse();
        assertThat(throttle.shouldPrint(SECOND, 5)).as("changed after a second").isTrue();
        assertThat(throttle.shouldPrint(2 * SECOND, 5)).as("unchanged").isFalse();
        assertThat(throttle.shouldPrint(3 * SECOND, 6)).as("changed again").isTrue();
    }

    @Test
    void progressOfUnchangedCountPrintsEveryTenSeconds() {
        ProgressThrottle throttle = new ProgressThrottle(0, 7);

        for (long second = 1; second < 10; second++) {
            assertThat(throttle.shouldPrint(second * SECOND, 7)).as("second %d", second).isFalse();
        }
        assertThat(throttle.shouldPrint(10 * SECOND, 7)).isTrue();
        assertThat(throttle.shouldPrint(11 * SECOND, 7)).isFalse();
        assertThat(throttle.shouldPrint(20 * SECOND, 7)).isTrue();
    }
}
