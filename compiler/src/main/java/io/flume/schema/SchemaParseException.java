package io.flume.schema;

import java.util.Objects;

/**
 * A schema document that cannot be read into nodes: invalid YAML or JSON, a root that is not a
 * mapping, a forbidden tag, or a document over one of the {@link ParserLimits}. The message has
 * the form {@code FILE:LINE:COLUMN: message}.
 *
 * <p>Values of the wrong shape inside a well-formed document are not parse errors: the parser
 * records them on the node ({@link Node#problems()}) and validation reports them.
 */
public class SchemaParseException extends RuntimeException {

    private final SourcePosition position;
    private final String detail;

    public SchemaParseException(SourcePosition position, String detail) {
        this(position, detail, null);
    }

    public SchemaParseException(SourcePosition position, String detail, Throwable cause) {
        super(Objects.requireNonNull(position, "position") + ": " + Objects.requireNonNull(detail, "detail"), cause);
        this.position = position;
        this.detail = detail;
    }

    /** Returns where the problem is; line and column are 1-based. */
    public SourcePosition position() {
        return position;
    }

    /** Returns the message without the {@code FILE:LINE:COLUMN: } prefix. */
    public String detail() {
        return detail;
    }
}
