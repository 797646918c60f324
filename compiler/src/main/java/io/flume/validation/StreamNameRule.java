package io.flume.validation;

import io.flume.runtime.config.TopicNames;
import io.flume.schema.Node;
import io.flume.schema.SchemaFields;
import io.flume.schema.SourcePosition;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks that a {@code stream} name is a legal Kafka topic name: 1 to {@value TopicNames#MAX_LENGTH}
 * characters out of {@code [a-zA-Z0-9._-]}, and neither {@code .} nor {@code ..}. A stream's topic
 * is its name unless the application config maps it to another topic, and the rule holds either
 * way, so that a schema that validates runs with any config.
 */
final class StreamNameRule implements NodeRule {

    @Override
    public void check(Node node, List<Node> ancestors, Problems problems) {
        if (!node.has(SchemaFields.STREAM) || node.hasProblem(SchemaFields.STREAM)) {
            return;
        }
        String stream = node.stream();
        if (NodeFields.isBlank(stream) || TopicNames.problem(stream) == null) {
            return;
        }
        SourcePosition at = node.positionOf(SchemaFields.STREAM);

        if (stream.equals(".") || stream.equals("..")) {
            problems.error(node, at, "stream '" + stream + "' is not a legal Kafka topic name, because Kafka reserves '.'"
                    + " and '..'; rename the stream, using letters, digits, '.', '_' and '-'");
            return;
        }
        if (stream.length() > TopicNames.MAX_LENGTH) {
            problems.error(node, at, "stream '" + stream.substring(0, 40) + "...' is " + stream.length()
                    + " characters long, but Kafka topic names have at most " + TopicNames.MAX_LENGTH
                    + " characters; shorten it");
        }
        String illegal = stream.codePoints()
                .filter(c -> !TopicNames.LEGAL.matcher(new String(Character.toChars(c))).matches())
                .distinct()
                .mapToObj(c -> "'" + new String(Character.toChars(c)) + "'")
                .collect(Collectors.joining(", "));
        if (!illegal.isEmpty()) {
            String renamed = stream.replaceAll("[^a-zA-Z0-9._-]+", "-");
            String example = TopicNames.problem(renamed) == null ? ", such as '" + renamed + "'" : "";
            problems.error(node, at, "stream '" + stream + "' contains characters Kafka does not allow in topic names ("
                    + illegal + "); rename it using only letters, digits, '.', '_' and '-'" + example);
        }
    }
}
