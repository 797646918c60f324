package io.flume.runtime.inline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    @Test
    void burstIsFreeThenRecordsQueue() {
        RateLimiter limiter = new RateLimiter(2.0, 2, now::get);

        assertThat(limiter.reserve(10 * SECOND)).isZero();
        assertThat(limiter.reserve(10 * SECOND)).isZero();
        assertThat(limiter.reserve(10 * SECOND)).isEqualTo(SECOND / 2);
        assertThat(limiter.reserve(10 * SECOND)).as("queued behind the previous reservation").isEqualTo(SECOND);
    }

    @Test
    void tokensRefillUpToBurst() {
        RateLimiter limiter = new RateLimiter(1.0, 2, now::get);
        limiter.reserve(SECOND);
        limiter.reserve(SECOND);

        now.addAndGet(60 * SECOND);

        assertThat(limiter.reserve(0)).isZero();
        assertThat(limiter.reserve(0)).isZero();
        assertThat(limiter.reserve(0)).as("the bucket holds at most burst_size tokens").isEqualTo(-1);
    }

    @Test
    void waitBeyondBoundTakesNoToken() {
        RateLimiter limiter = new RateLimiter(0.5, 1, now::get);
        limiter.reserve(0);

        assertThat(limiter.reserve(SECOND)).isEqualTo(-1);
        assertThat(limiter.currentWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(limiter.reserve(2 * SECOND)).isEqualTo(2 * SECOND);
    }

    @Test
    void reconfigureKeepsTokensUpToNewBurst() {
        RateLimiter limiter = new RateLimiter(1.0, 4, now::get);

        limiter.reconfigure(10.0, 2);

        assertThat(limiter.reserve(0)).isZero();
        assertThat(limiter.reserve(0)).isZero();
        assertThat(limiter.reserve(SECOND)).as("the new rate refills a token in 100 ms").isEqualTo(SECOND / 10);
    }

    @Test
    void maxWaitIsHalfOfSmallPollIntervals() {
        assertThat(RateLimiter.maxWaitFor(300_000)).isEqualTo(RateLimiter.MAX_WAIT);
        assertThat(RateLimiter.maxWaitFor(10_000)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> new RateLimiter(0, 1)).hasMessageContaining("requests_per_second must be a positive number, got 0.0");
        assertThatThrownBy(() -> new RateLimiter(1, 0)).hasMessageContaining("burst_size must be at least 1, got 0");
    }
}
