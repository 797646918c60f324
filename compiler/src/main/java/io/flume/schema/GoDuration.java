package io.flume.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Durations in the format of Go's {@code time.ParseDuration}, which schemas shared with the Go
 * library use: an optional sign, then one or more decimal numbers each followed by a unit, such
 * as {@code 100ms}, {@code 1.5s}, {@code 2m30s} or {@code -1h}. The units are {@code ns},
 * {@code us} (or {@code µs}), {@code ms}, {@code s}, {@code m} and {@code h}. A bare {@code 0} is
 * the only number allowed without a unit.
 *
 * <p>As in Go, a duration is a whole number of nanoseconds between -2<sup>63</sup> and
 * 2<sup>63</sup>-1 (about 292 years), and fractions finer than a nanosecond are truncated.
 */
public final class GoDuration {

    private static final String UNIT_LIST = "ns, us, µs, ms, s, m, h";

    /** Nanoseconds per unit. Go accepts both the micro sign (U+00B5) and the Greek mu (U+03BC). */
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L,
            "\u03bcs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);

    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MIN_NANOS = BigInteger.valueOf(Long.MIN_VALUE);

    private GoDuration() {
    }

    /**
     * Parses {@code text} as Go's {@code time.ParseDuration} does.
     *
     * @throws IllegalArgumentException when the text is not a Go duration. The message quotes
     *     the text and states what is wrong, such as {@code '5sec' is not a valid Go duration:
     *     unknown unit 'sec' (valid units: ns, us, µs, ms, s, m, h)}
     */
    public static Duration parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw invalid(text, "it is empty (write a number and a unit, such as '100ms')");
        }

        int index = 0;
        boolean negative = false;
        char first = text.charAt(0);
        if (first == '-' || first == '+') {
            negative = first == '-';
            index++;
        }
        String unsigned = text.substring(index);
        if (unsigned.equals("0")) {
            return Duration.ZERO;
        }
        if (unsigned.isEmpty()) {
            throw invalid(text, "a sign must be followed by a number and a unit, such as '-5s'");
        }

        BigInteger totalNanos = BigInteger.ZERO;
        while (index < text.length()) {
            int numberStart = index;
            index = skipDigits(text, index);
            String whole = text.substring(numberStart, index);
            String fraction = "";
            if (index < text.length() && text.charAt(index) == '.') {
                int fractionStart = ++index;
                index = skipDigits(text, index);
                fraction = text.substring(fractionStart, index);
            }
            if (whole.isEmpty() && fraction.isEmpty()) {
                throw invalid(text, "expected a number at '" + text.substring(numberStart) + "'");
            }
            String number = text.substring(numberStart, index);

            int unitStart = index;
            while (index < text.length() && text.charAt(index) != '.' && !isDigit(text.charAt(index))) {
                index++;
            }
            String unit = text.substring(unitStart, index);
            if (unit.isEmpty()) {
                throw invalid(text, "missing unit after " + number
                        + " (valid units: " + UNIT_LIST + "; for example '" + number + "s')");
            }
            Long nanosPerUnit = NANOS_PER_UNIT.get(unit);
            if (nanosPerUnit == null) {
                throw invalid(text, "unknown unit '" + unit + "' (valid units: " + UNIT_LIST + ")");
            }

            BigDecimal value = new BigDecimal((whole.isEmpty() ? "0" : whole) + (fraction.isEmpty() ? "" : "." + fraction));
            totalNanos = totalNanos.add(value.multiply(BigDecimal.valueOf(nanosPerUnit))
                    .setScale(0, RoundingMode.DOWN)
                    .toBigInteger());
            if (totalNanos.compareTo(MAX_NANOS.add(BigInteger.ONE)) > 0) {
                throw invalid(text, "it is out of range (the maximum is " + format(Duration.ofNanos(Long.MAX_VALUE)) + ")");
            }
        }

        BigInteger signed = negative ? totalNanos.negate() : totalNanos;
        if (signed.compareTo(MAX_NANOS) > 0 || signed.compareTo(MIN_NANOS) < 0) {
            throw invalid(text, "it is out of range (the maximum is " + format(Duration.ofNanos(Long.MAX_VALUE)) + ")");
        }
        return Duration.ofNanos(signed.longValue());
    }

    /**
     * Formats {@code duration} as Go's {@code Duration.String} does: {@code 1h0m0s},
     * {@code 2m30s}, {@code 1.5s}, {@code 100ms}, {@code 50µs}, {@code 100ns}, {@code 0s}.
     * {@link #parse} reads every result back to the same duration.
     */
    public static String format(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isZero()) {
            return "0s";
        }

        BigInteger nanos = BigInteger.valueOf(duration.getSeconds())
                .multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(duration.getNano()));
        String sign = nanos.signum() < 0 ? "-" : "";
        nanos = nanos.abs();

        BigInteger[] secondsAndNanos = nanos.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
        long seconds = secondsAndNanos[0].longValueExact();
        long subSecond = secondsAndNanos[1].longValue();
        if (seconds == 0) {
            return sign + formatBelowOneSecond(subSecond);
        }

        String secondsPart = (seconds % 60) + decimals(subSecond, 9) + "s";
        long minutes = seconds / 60 % 60;
        long hours = seconds / 3600;
        if (hours > 0) {
            return sign + hours + "h" + minutes + "m" + secondsPart;
        }
        if (minutes > 0) {
            return sign + minutes + "m" + secondsPart;
        }
        return sign + secondsPart;
    }

    private static String formatBelowOneSecond(long nanos) {
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000) {
            return nanos / 1_000 + decimals(nanos % 1_000, 3) + "\u00b5s";
        }
        return nanos / 1_000_000 + decimals(nanos % 1_000_000, 6) + "ms";
    }

    /** Returns {@code .DIGITS} for a fraction of {@code width} digits without trailing zeros, or "" for 0. */
    private static String decimals(long fraction, int width) {
        if (fraction == 0) {
            return "";
        }
        String digits = String.format("%0" + width + "d", fraction);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        return "." + digits.substring(0, end);
    }

    private static int skipDigits(String text, int index) {
        while (index < text.length() && isDigit(text.charAt(index))) {
            index++;
        }
        return index;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException("'" + text + "' is not a valid Go duration: " + reason);
    }
}
