package io.flume.runtime.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryKeysTest {

    private record Due(long due, int partition, long offset) {
        byte[] key() {
            return RetryKeys.encode(due, partition, offset);
        }
    }

    private static final Comparator<Due> NUMERIC = Comparator.comparingLong(Due::due)
            .thenComparingInt(Due::partition).thenComparingLong(Due::offset);

    @Test
    void unsignedByteOrderOfKeysIsNumericOrderOfDuePartitionOffset() {
        Random random = new Random(20260101L);
        long[] dues = {Long.MIN_VALUE, -1_000, -1, 0, 1, 1_000, 1_767_225_600_000L, Long.MAX_VALUE};
        for (int round = 0; round < 50; round++) {
            List<Due> entries = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                long due = switch (random.nextInt(3)) {
                    case 0 -> random.nextLong();
                    case 1 -> dues[random.nextInt(dues.length)];
                    default -> random.nextInt(5) - 2;
                };
                entries.add(new Due(due, random.nextInt(4), random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(10)));
            }

            List<Due> byNumbers = entries.stream().sorted(NUMERIC).toList();
            List<Due> byKeys = entries.stream().sorted((a, b) -> Arrays.compareUnsigned(a.key(), b.key())).toList();

            assertThat(byKeys).isEqualTo(byNumbers);
        }
    }

    @Test
    void equalDueTimesSortByPartitionThenOffset() {
        byte[] p0o9 = RetryKeys.encode(5, 0, 9);
        byte[] p1o0 = RetryKeys.encode(5, 1, 0);
        byte[] p1o1 = RetryKeys.encode(5, 1, 1);

        assertThat(Arrays.compareUnsigned(p0o9, p1o0)).isNegative();
        assertThat(Arrays.compareUnsigned(p1o0, p1o1)).isNegative();
    }

    @Test
    void keysAcrossTheSignBitKeepTheirOrder() {
        assertThat(Arrays.compareUnsigned(RetryKeys.encode(-1, 0, 0), RetryKeys.encode(0, 0, 0))).isNegative();
        assertThat(Arrays.compareUnsigned(RetryKeys.encode(Long.MIN_VALUE, 0, 0), RetryKeys.encode(-1, 0, 0))).isNegative();
        assertThat(Arrays.compareUnsigned(RetryKeys.encode(Long.MAX_VALUE, 0, 0), RetryKeys.encode(0, 0, 0))).isPositive();
    }

    @Test
    void dueTimeDecodesAndRangeBoundsEnclosEveryDueKey() {
        Random random = new Random(7);
        for (int i = 0; i < 1_000; i++) {
            long due = random.nextLong();
            byte[] key = RetryKeys.encode(due, random.nextInt(Integer.MAX_VALUE), random.nextLong());
            assertThat(RetryKeys.due(key)).isEqualTo(due);
            assertThat(key).hasSize(RetryKeys.LENGTH);
            assertThat(Arrays.compareUnsigned(RetryKeys.first(), key)).isNotPositive();
            assertThat(Arrays.compareUnsigned(key, RetryKeys.lastDueAt(due))).isNotPositive();
            if (due > Long.MIN_VALUE) {
                assertThat(Arrays.compareUnsigned(key, RetryKeys.lastDueAt(due - 1))).isPositive();
            }
        }
    }

    @Test
    void delaysDoubleFromBackoff() {
        Duration backoff = Duration.ofMillis(250);

        assertThat(RetryDelays.after(backoff, 1)).isEqualTo(Duration.ofMillis(250));
        assertThat(RetryDelays.after(backoff, 2)).isEqualTo(Duration.ofMillis(500));
        assertThat(RetryDelays.after(backoff, 3)).isEqualTo(Duration.ofMillis(1000));
        assertThat(RetryDelays.after(backoff, 60)).isEqualTo(Duration.ofDays(24));
    }

    @Test
    void punctuationIntervalIsHalfTheBackoffWithinBounds() {
        assertThat(RetryDelays.punctuationInterval(Duration.ofMillis(400))).isEqualTo(Duration.ofMillis(200));
        assertThat(RetryDelays.punctuationInterval(Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(10));
        assertThat(RetryDelays.punctuationInterval(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(1));
    }
}
