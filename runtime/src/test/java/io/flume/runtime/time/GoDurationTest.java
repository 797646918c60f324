package io.flume.runtime.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoDurationTest {

    static Stream<Arguments> validDurations() {
        return Stream.of(
                Arguments.of("0", Duration.ZERO),
                Arguments.of("+0", Duration.ZERO),
                Arguments.of("-0", Duration.ZERO),
                Arguments.of("0s", Duration.ZERO),
                Arguments.of("100ns", Duration.ofNanos(100)),
                Arguments.of("50us", Duration.ofNanos(50_000)),
                Arguments.of("50\u00b5s", Duration.ofNanos(50_000)),
                Arguments.of("50\u03bcs", Duration.ofNanos(50_000)),
                Arguments.of("100ms", Duration.ofMillis(100)),
                Arguments.of("1.5s", Duration.ofMillis(1500)),
                Arguments.of(".5s", Duration.ofMillis(500)),
                Arguments.of("5.s", Duration.ofSeconds(5)),
                Arguments.of("2m30s", Duration.ofSeconds(150)),
                Arguments.of("1h", Duration.ofHours(1)),
                Arguments.of("1h30m", Duration.ofMinutes(90)),
                Arguments.of("1h2m3s4ms5us6ns", Duration.ofHours(1).plusMinutes(2).plusSeconds(3).plusMillis(4).plusNanos(5006)),
                Arguments.of("-1.5h", Duration.ofMinutes(-90)),
                Arguments.of("+5s", Duration.ofSeconds(5)),
                Arguments.of("1.0000000001s", Duration.ofSeconds(1)),
                Arguments.of("2562047h47m16.854775807s", Duration.ofNanos(Long.MAX_VALUE)),
                Arguments.of("-2562047h47m16.854775808s", Duration.ofNanos(Long.MIN_VALUE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validDurations")
    void parsesGoFormat(String text, Duration expected) {
        assertThat(GoDuration.parse(text)).isEqualTo(expected);
    }

    static Stream<Arguments> invalidDurations() {
        return Stream.of(
                Arguments.of("", "'' is not a valid Go duration: it is empty (write a number and a unit, such as '100ms')"),
                Arguments.of("5", "'5' is not a valid Go duration: missing unit after 5 (valid units: ns, us, µs, ms, s, m, h; for example '5s')"),
                Arguments.of("1.5", "'1.5' is not a valid Go duration: missing unit after 1.5 (valid units: ns, us, µs, ms, s, m, h; for example '1.5s')"),
                Arguments.of("5sec", "'5sec' is not a valid Go duration: unknown unit 'sec' (valid units: ns, us, µs, ms, s, m, h)"),
                Arguments.of("1d", "'1d' is not a valid Go duration: unknown unit 'd' (valid units: ns, us, µs, ms, s, m, h)"),
                Arguments.of("5 s", "'5 s' is not a valid Go duration: unknown unit ' s' (valid units: ns, us, µs, ms, s, m, h)"),
                Arguments.of("-", "'-' is not a valid Go duration: a sign must be followed by a number and a unit, such as '-5s'"),
                Arguments.of("s", "'s' is not a valid Go duration: expected a number at 's'"),
                Arguments.of(".s", "'.s' is not a valid Go duration: expected a number at '.s'"),
                Arguments.of("1h-5m", "'1h-5m' is not a valid Go duration: unknown unit 'h-' (valid units: ns, us, µs, ms, s, m, h)"),
                Arguments.of("2562047h47m16.854775808s", "'2562047h47m16.854775808s' is not a valid Go duration: it is out of range (the maximum is 2562047h47m16.854775807s)"),
                Arguments.of("9999999999999h", "'9999999999999h' is not a valid Go duration: it is out of range (the maximum is 2562047h47m16.854775807s)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDurations")
    void rejectsInvalidText(String text, String message) {
        assertThatThrownBy(() -> GoDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    static Stream<Arguments> formattedDurations() {
        return Stream.of(
                Arguments.of(Duration.ZERO, "0s"),
                Arguments.of(Duration.ofNanos(100), "100ns"),
                Arguments.of(Duration.ofNanos(50_000), "50µs"),
                Arguments.of(Duration.ofNanos(1_500), "1.5µs"),
                Arguments.of(Duration.ofMillis(100), "100ms"),
                Arguments.of(Duration.ofNanos(1_500_000), "1.5ms"),
                Arguments.of(Duration.ofMillis(1500), "1.5s"),
                Arguments.of(Duration.ofSeconds(150), "2m30s"),
                Arguments.of(Duration.ofSeconds(60), "1m0s"),
                Arguments.of(Duration.ofHours(1), "1h0m0s"),
                Arguments.of(Duration.ofSeconds(-5), "-5s"),
                Arguments.of(Duration.ofMillis(-1), "-1ms"),
                Arguments.of(Duration.ofNanos(Long.MAX_VALUE), "2562047h47m16.854775807s"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("formattedDurations")
    void formatsLikeGo(Duration duration, String expected) {
        assertThat(GoDuration.format(duration)).isEqualTo(expected);
        assertThat(GoDuration.parse(expected)).isEqualTo(duration);
    }
}
