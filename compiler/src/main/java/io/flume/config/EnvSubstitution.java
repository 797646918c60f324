package io.flume.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in a config value with environment
 * variables, so that secrets stay out of config files. {@code $$} writes a literal {@code $}.
 * Substitution happens inside one scalar value at a time, so a variable can never add keys or
 * change the structure of the file.
 */
final class EnvSubstitution {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> environment;

    EnvSubstitution(Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * Returns {@code text} with every reference replaced.
     *
     * @throws IllegalArgumentException naming the variable when it is unset and has no default, or
     *     when a reference is malformed
     */
    String substitute(String text) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder result = new StringBuilder(text.length());
        int index = 0;
        while (index < text.length()) {
            char current = text.charAt(index);
            char next = index + 1 < text.length() ? text.charAt(index + 1) : 0;
            if (current == '$' && next == '$') {
                result.append('$');
                index += 2;
            } else if (current == '$' && next == '{') {
                int close = text.indexOf('}', index + 2);
                if (close < 0) {
                    throw new IllegalArgumentException("'${' at character " + (index + 1)
                            + " has no closing '}'; write ${NAME}, or $$ for a literal $");
                }
                result.append(resolve(text.substring(index + 2, close)));
                index = close + 1;
            } else {
                result.append(current);
                index++;
            }
        }
        return result.toString();
    }

    private String resolve(String reference) {
        int separator = reference.indexOf(":-");
        String name = separator >= 0 ? reference.substring(0, separator) : reference;
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'${" + reference + "}' is not a valid variable reference; "
                    + "write ${NAME} or ${NAME:-default}, where NAME is letters, digits and underscores");
        }
        String value = environment.get(name);
        if (value != null) {
            return value;
        }
        if (separator >= 0) {
            return reference.substring(separator + 2);
        }
        throw new IllegalArgumentException("environment variable " + name + " is not set; set it or give a default "
                + "with ${" + name + ":-default}");
    }
}
