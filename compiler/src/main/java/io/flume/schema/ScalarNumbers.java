package io.flume.schema;

import java.math.BigInteger;

/**
 * Reads the numbers of YAML and JSON scalars: decimal, {@code 0x} hexadecimal, {@code 0o} octal
 * and {@code 0b} binary integers with optional {@code _} separators, and decimals including
 * YAML's {@code .inf} and {@code .nan}. Each method returns null for text it cannot read.
 */
final class ScalarNumbers {

    private ScalarNumbers() {
    }

    static BigInteger wholeNumber(String text) {
        String digits = text.replace("_", "");
        boolean negative = false;
        if (digits.startsWith("-") || digits.startsWith("+")) {
            negative = digits.startsWith("-");
            digits = digits.substring(1);
        }

        int radix = 10;
        String prefix = digits.length() > 2 ? digits.substring(0, 2).toLowerCase() : "";
        switch (prefix) {
            case "0x" -> radix = 16;
            case "0o" -> radix = 8;
            case "0b" -> radix = 2;
            default -> { }
        }
        if (radix != 10) {
            digits = digits.substring(2);
        }
        if (digits.isEmpty() || !Character.isLetterOrDigit(digits.charAt(0))) {
            return null;
        }

        try {
            BigInteger value = new BigInteger(digits, radix);
            return negative ? value.negate() : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Double decimal(String text) {
        String digits = text.replace("_", "");
        switch (digits.toLowerCase()) {
            case ".inf", "+.inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-.inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case ".nan" -> {
                return Double.NaN;
            }
            default -> { }
        }

        BigInteger whole = wholeNumber(text);
        if (whole != null) {
            return whole.doubleValue();
        }
        if (!digits.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            return null;
        }
        return Double.parseDouble(digits);
    }
}
