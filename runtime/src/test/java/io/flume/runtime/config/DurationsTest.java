package io.flume.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "100ms, PT0.1S",
        "1.5s, PT1.5S",
        "2m30s, PT2M30S",
        "1h, PT1H",
        "50us, PT0.00005S",
        "50µs, PT0.00005S",
        "100ns, PT0.0000001S",
        "0, PT0S",
        "1h15m0.5s, PT1H15M0.5S",
        ".5s, PT0.5S",
    })
    void parsesGoFormat(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "1d", "s", "1..5s", "1.5.2s", "ms10"})
    void rejectsMalformedText(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid duration '" + text + "'")
                .hasMessageContaining("such as 500ms");
    }

    @ParameterizedTest
    @CsvSource({
        "PT10S, 10s",
        "PT1M30S, 1m30s",
        "PT1H, 1h0m0s",
        "PT0.25S, 250ms",
        "PT0S, 0s",
        "PT1.5S, 1.5s",
    })
    void formatsLikeGo(String duration, String expected) {
        assertThat(Durations.format(Duration.parse(duration))).isEqualTo(expected);
    }
}
