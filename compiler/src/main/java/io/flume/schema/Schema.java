package io.flume.schema;

import java.util.Objects;

/**
 * A parsed pipeline schema: one node tree with an optional {@code version}.
 *
 * @param version the top-level {@code version} string, or null
 * @param root the root node, whose path is {@code root}
 * @param source the file the schema came from, or {@code <inline>}
 */
public record Schema(String version, Node root, String source) {

    public Schema {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(source, "source");
    }
}
