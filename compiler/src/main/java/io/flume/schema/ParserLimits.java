package io.flume.schema;

/**
 * Caps that keep a hostile or broken schema from exhausting memory or time while it is parsed.
 * Each cap has its own error, which names the file, the line and the limit.
 *
 * <pre>{@code
 * SchemaParser parser = new SchemaParser(ParserLimits.defaults().withMaxNestingDepth(128));
 * Schema schema = parser.read(Path.of("pipeline.yaml"));
 * }</pre>
 *
 * @param maxDocumentBytes the largest document accepted, in bytes of UTF-8
 * @param maxNestingDepth the deepest nesting of mappings and lists accepted. Each node level of a
 *     schema uses one or two, because {@code children} is a list of mappings.
 * @param maxAliases the maximum number of YAML alias references ({@code *name}) a document may
 *     expand to, counting an alias again each time an enclosing alias repeats it, so that a small
 *     document cannot expand into a huge tree ("billion laughs"). NOTE: each reference may still
 *     repeat a large collection, so the parsed tree can reach about {@code maxAliases + 1} times
 *     the size of the document.
 */
public record ParserLimits(int maxDocumentBytes, int maxNestingDepth, int maxAliases) {

    public static final int DEFAULT_MAX_DOCUMENT_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_NESTING_DEPTH = 64;
    public static final int DEFAULT_MAX_ALIASES = 50;

    /** The upper bound of {@code maxDocumentBytes}, a little under the size of the largest Java array. */
    public static final int DOCUMENT_BYTES_UPPER_BOUND = Integer.MAX_VALUE - 16;

    public ParserLimits {
        if (maxDocumentBytes < 1 || maxDocumentBytes > DOCUMENT_BYTES_UPPER_BOUND) {
            throw new IllegalArgumentException("maxDocumentBytes must be between 1 and "
                    + DOCUMENT_BYTES_UPPER_BOUND + ", got " + maxDocumentBytes);
        }
        if (maxNestingDepth < 1) {
            throw new IllegalArgumentException("maxNestingDepth must be at least 1, got " + maxNestingDepth);
        }
        if (maxAliases < 0) {
            throw new IllegalArgumentException("maxAliases must be 0 or more, got " + maxAliases);
        }
    }

    /** Returns the defaults: 1 MiB, a nesting depth of 64 and 50 alias references. */
    public static ParserLimits defaults() {
        return new ParserLimits(DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_NESTING_DEPTH, DEFAULT_MAX_ALIASES);
    }

    public ParserLimits withMaxDocumentBytes(int bytes) {
        return new ParserLimits(bytes, maxNestingDepth, maxAliases);
    }

    public ParserLimits withMaxNestingDepth(int depth) {
        return new ParserLimits(maxDocumentBytes, depth, maxAliases);
    }

    public ParserLimits withMaxAliases(int aliases) {
        return new ParserLimits(maxDocumentBytes, maxNestingDepth, aliases);
    }

    String documentTooLarge() {
        return "the schema exceeds the limit of " + maxDocumentBytes + " bytes at this position;"
                + " split it, or raise the limit with ParserLimits.withMaxDocumentBytes"
                + " if it must be this large";
    }

    String nestingTooDeep() {
        return "the schema nests mappings and lists deeper than the limit of " + maxNestingDepth
                + " levels; flatten it, or raise the limit with ParserLimits.withMaxNestingDepth"
                + " if it must be this deep";
    }

    String tooManyAliases() {
        return "the schema expands more than the limit of " + maxAliases + " alias references"
                + " (counting aliases repeated by enclosing aliases); use fewer aliases, or raise the"
                + " limit with ParserLimits.withMaxAliases if the schema is trusted";
    }
}
