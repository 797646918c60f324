package io.flume.runtime.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Converts enum constants to and from the words config files use: lower case, with dashes for
 * underscores ({@code DROP_OLDEST} is {@code drop-oldest}).
 */
public final class ConfigWord {

    private ConfigWord() {
    }

    /** Returns the config word of {@code constant}, such as {@code dead-letter}. */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Returns the config words of every constant of {@code type}, in declaration order. */
    public static <E extends Enum<E>> List<String> all(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(ConfigWord::of).toList();
    }

    /**
     * Finds the constant whose config word is {@code word}, ignoring case and accepting
     * underscores for dashes.
     */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String word) {
        if (word == null) {
            return Optional.empty();
        }
        String normalized = word.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> of(constant).equals(normalized))
                .findFirst();
    }
}
