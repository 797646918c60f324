package io.flume.runtime.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * Parses and formats durations in Go's {@code time.ParseDuration} format, which schemas and
 * configs share with the Go library: a sequence of decimal numbers with units, such as
 * {@code 300ms}, {@code 1.5s} or {@code 2h45m}. Units are {@code ns}, {@code us} (or {@code µs}),
 * {@code ms}, {@code s}, {@code m} and {@code h}. A lone {@code 0} needs no unit.
 */
public final class Durations {

    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "µs", 1_000L,
            "μs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);

    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

    private Durations() {
    }

    /**
     * Parses {@code text}, such as {@code 1m30s}.
     *
     * @throws IllegalArgumentException when {@code text} is not a Go duration; the message shows
     *     the text and an example of the format
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(text, "it is empty");
        }
        String rest = text.trim();
        boolean negative = false;
        if (rest.startsWith("-") || rest.startsWith("+")) {
            negative = rest.charAt(0) == '-';
            rest = rest.substring(1);
        }
        if (rest.equals("0")) {
            return Duration.ZERO;
        }
        if (rest.isEmpty()) {
            throw invalid(text, "a number is missing");
        }

        BigDecimal totalNanos = BigDecimal.ZERO;
        int position = 0;
        while (position < rest.length()) {
            int numberStart = position;
            while (position < rest.length() && (Character.isDigit(rest.charAt(position)) || rest.charAt(position) == '.')) {
                position++;
            }
            String number = rest.substring(numberStart, position);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalid(text, "a number is missing or malformed before '" + rest.substring(numberStart) + "'");
            }

            int unitStart = position;
            while (position < rest.length() && !Character.isDigit(rest.charAt(position)) && rest.charAt(position) != '.') {
                position++;
            }
            String unit = rest.substring(unitStart, position);
            Long nanosPerUnit = NANOS_PER_UNIT.get(unit);
            if (nanosPerUnit == null) {
                throw invalid(text, unit.isEmpty() ? "the unit after " + number + " is missing" : "'" + unit + "' is not a unit");
            }
            totalNanos = totalNanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(nanosPerUnit)));
        }

        BigInteger nanos = totalNanos.toBigInteger();
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw invalid(text, "it is longer than Go's maximum of about 292 years");
        }
        Duration duration = Duration.ofNanos(nanos.longValueExact());
        return negative ? duration.negated() : duration;
    }

    /** Formats {@code duration} the way Go prints it, such as {@code 1m30s} or {@code 250ms}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        String sign = duration.isNegative() ? "-" : "";
        Duration abs = duration.abs();
        if (abs.compareTo(Duration.ofSeconds(1)) < 0) {
            long nanos = abs.toNanos();
            if (nanos % 1_000_000 == 0) {
                return sign + nanos / 1_000_000 + "ms";
            }
            if (nanos % 1_000 == 0) {
                return sign + nanos / 1_000 + "µs";
            }
            return sign + nanos + "ns";
        }
        StringBuilder text = new StringBuilder(sign);
        long hours = abs.toHours();
        int minutes = abs.toMinutesPart();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            text.append(minutes).append('m');
        }
        BigDecimal seconds = BigDecimal.valueOf(abs.toSecondsPart())
                .add(BigDecimal.valueOf(abs.toNanosPart(), 9)).stripTrailingZeros();
        text.append(seconds.toPlainString()).append('s');
        return text.toString();
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException("invalid duration '" + text + "': " + reason
                + "; write a number with a unit (ns, us, ms, s, m, h), such as 500ms, 1.5s or 2m30s");
    }
}
