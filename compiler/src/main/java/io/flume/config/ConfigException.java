package io.flume.config;

import java.util.List;

/**
 * Thrown when a config file cannot be read or has problems. Every problem is one line of the form
 * {@code flume.yaml:14:7: errors.on-unhandled: <what is wrong and how to fix it>}, and all of them
 * are reported at once.
 */
public final class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(String file, List<String> problems) {
        super(summary(file, problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String file, String problem, Throwable cause) {
        super(summary(file, List.of(problem)), cause);
        this.problems = List.of(problem);
    }

    /** Returns each problem as one line, in the order of their position in the file. */
    public List<String> problems() {
        return problems;
    }

    private static String summary(String file, List<String> problems) {
        String heading = problems.size() == 1
                ? "invalid config file " + file + ":"
                : "invalid config file " + file + " (" + problems.size() + " problems):";
        return heading + "\n  " + String.join("\n  ", problems);
    }
}
