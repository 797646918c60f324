package io.flume.schema;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Parses pipeline schemas written in YAML or JSON into {@link Schema}s whose nodes carry the line
 * and column of every node and field.
 *
 * <pre>{@code
 * Schema schema = SchemaParser.parse(Path.of("pipeline.yaml"));
 * Schema inline = SchemaParser.parse("""
 *         type: sequence
 *         children:
 *           - ref: validate
 *           - ref: enrich
 *         """, "<inline>");
 * }</pre>
 *
 * <p>The document is the root node, with an optional {@code version} beside its fields, as in
 * the Go library. The format is JSON for a source name ending in {@code .json}, YAML for one
 * ending in {@code .yaml} or {@code .yml}, and otherwise JSON when the first non-blank character
 * is <code>{</code> and YAML when it is not.
 *
 * <p>Parsing is safe for untrusted input: it never constructs Java objects from YAML tags (any
 * tag other than the standard scalar and collection tags is an error), and it enforces the
 * {@link ParserLimits} on size, nesting depth and alias expansion. Syntax errors and crossed
 * limits throw {@link SchemaParseException}; values of the wrong shape inside a well-formed
 * document do not throw but are recorded on their node for the validator to report.
 *
 * <p>Instances are immutable and thread safe.
 */
public final class SchemaParser {

    /** The source name of a schema parsed from a string without one. */
    public static final String INLINE_SOURCE = "<inline>";

    private static final SchemaParser DEFAULT = new SchemaParser(ParserLimits.defaults());

    private final ParserLimits limits;

    public SchemaParser(ParserLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Parses the schema in {@code file} with the default limits. Messages name the file as given. */
    public static Schema parse(Path file) throws IOException {
        return DEFAULT.read(file);
    }

    /**
     * Parses {@code text} with the default limits.
     *
     * @param sourceName the name messages give the schema, such as a file name or {@code <inline>}
     */
    public static Schema parse(String text, String sourceName) {
        return DEFAULT.read(text, sourceName);
    }

    /** Parses {@code text} with the default limits; messages name it {@code <inline>}. */
    public static Schema parse(String text) {
        return DEFAULT.read(text, INLINE_SOURCE);
    }

    public ParserLimits limits() {
        return limits;
    }

    /**
     * Parses the schema in {@code file}, reading at most the size limit plus one byte.
     *
     * @throws IOException when the file cannot be read
     * @throws SchemaParseException when the document is invalid or over a limit
     */
    public Schema read(Path file) throws IOException {
        String source = file.toString();
        String text = SchemaText.read(file, source, limits);
        return parseChecked(text, source);
    }

    /**
     * Parses {@code text}.
     *
     * @param sourceName the name messages give the schema, such as a file name or {@code <inline>}
     * @throws SchemaParseException when the document is invalid or over a limit
     */
    public Schema read(String text, String sourceName) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sourceName, "sourceName");
        return parseChecked(SchemaText.check(text, sourceName, limits), sourceName);
    }

    private Schema parseChecked(String text, String source) {
        SourceValue document = isJson(text, source)
                ? JsonTreeReader.read(text, source, limits)
                : YamlTreeReader.read(text, source, limits);
        return NodeReader.readSchema(document, source);
    }

    static boolean isJson(String text, String source) {
        String name = source.toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return true;
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{';
            }
        }
        return false;
    }
}
