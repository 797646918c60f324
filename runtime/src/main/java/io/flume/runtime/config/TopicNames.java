package io.flume.runtime.config;

import java.util.regex.Pattern;

/** Checks names against Kafka's rules for topic names and application ids. */
public final class TopicNames {

    /** Kafka's legal characters for topic names, group ids derived from them and application ids. */
    public static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");
    /** Kafka's maximum topic name length. */
    public static final int MAX_LENGTH = 249;

    private TopicNames() {
    }

    /** Returns why {@code name} is not a legal topic name, or null when it is legal. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "is empty";
        }
        if (name.equals(".") || name.equals("..")) {
            return "'" + name + "' is not allowed as a topic name";
        }
        if (name.length() > MAX_LENGTH) {
            return "'" + name + "' is longer than " + MAX_LENGTH + " characters";
        }
        if (!LEGAL.matcher(name).matches()) {
            return "'" + name + "' contains characters other than a-z, A-Z, 0-9, '.', '_' and '-'";
        }
        return null;
    }

    /** Throws an {@link IllegalArgumentException} naming {@code key} when {@code name} is illegal. */
    public static void check(String key, String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new IllegalArgumentException(key + ": " + problem);
        }
    }
}
