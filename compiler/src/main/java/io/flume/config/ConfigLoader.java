package io.flume.config;

import io.flume.runtime.config.AppConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads an application config file (YAML, or JSON, which YAML reads too) into an
 * {@link AppConfig}.
 *
 * <pre>{@code
 * AppConfig config = ConfigLoader.load(Path.of("flume.yaml"));
 * }</pre>
 *
 * <p>The loader
 * <ul>
 *   <li>replaces {@code ${NAME}} and {@code ${NAME:-default}} inside values with environment
 *       variables ({@code $$} is a literal {@code $}), so that secrets stay out of the file;
 *   <li>resolves {@code schema} against the folder of the config file and checks that it exists;
 *   <li>reports every problem at once, each as {@code file:line:column: key.path: message}, with
 *       a "did you mean" hint for a misspelt key or value;
 *   <li>rejects YAML tags and aliases, documents over {@value #MAX_FILE_BYTES} bytes and nesting
 *       deeper than 32 levels.
 * </ul>
 */
public final class ConfigLoader {

    /** Largest config file the loader reads. */
    public static final int MAX_FILE_BYTES = 1024 * 1024;

    private ConfigLoader() {
    }

    /**
     * Loads {@code file}, substituting variables from the process environment.
     *
     * @throws ConfigException listing every problem, or the reason the file cannot be read
     */
    public static AppConfig load(Path file) {
        return load(file, System.getenv());
    }

    /** Loads {@code file}, substituting variables from {@code environment}. */
    public static AppConfig load(Path file, Map<String, String> environment) {
        String name = file.toString();
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ConfigException(name, name + ": the file has " + size + " bytes, more than the "
                        + MAX_FILE_BYTES + " a config file may have", null);
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(name, name + ": failed to read the config file: " + e, e);
        }
        Path folder = file.toAbsolutePath().getParent();
        return parse(text, name, folder, file, environment);
    }

    /**
     * Parses config {@code text}.
     *
     * @param fileName the name that problem lines start with
     * @param baseDir the folder that relative paths in the config are resolved against
     * @param environment the variables that {@code ${NAME}} references read
     */
    public static AppConfig parse(String text, String fileName, Path baseDir, Map<String, String> environment) {
        return parse(text, fileName, baseDir, null, environment);
    }

    private static AppConfig parse(String text, String fileName, Path baseDir, Path file, Map<String, String> environment) {
        if (text.length() > MAX_FILE_BYTES) {
            throw new ConfigException(fileName, fileName + ": the text has " + text.length() + " characters, more than the "
                    + MAX_FILE_BYTES + " a config may have", null);
        }
        YamlTree.Node root;
        try {
            root = YamlTree.read(fileName, text);
        } catch (YamlTree.ReadException e) {
            throw new ConfigException(fileName, e.getMessage(), e);
        }
        return new ConfigBinder(fileName, baseDir, environment).bind(root, file);
    }
}
