package io.flume.schema;

import io.flume.schema.SourceValue.Entry;
import io.flume.schema.SourceValue.Mapping;
import io.flume.schema.SourceValue.Scalar;
import io.flume.schema.SourceValue.ScalarKind;
import io.flume.schema.SourceValue.Sequence;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a YAML document into a {@link SourceValue} tree from SnakeYAML's event stream.
 *
 * <p>The reader works on events rather than on SnakeYAML's composed node graph. Events give every
 * tag, anchor and alias with its position, so each limit fails with the line it was crossed on.
 *
 * <p>The reader never constructs Java objects. Scalars stay text, and any explicit tag other than
 * the standard {@code !!str}, {@code !!int}, {@code !!float}, {@code !!bool}, {@code !!null},
 * {@code !!map} and {@code !!seq} is rejected. Merge keys ({@code <<: *base}) are supported, and
 * duplicate keys are errors.
 */
final class YamlTreeReader {

    private static final String ALLOWED_TAGS = "!!str, !!int, !!float, !!bool, !!null, !!map and !!seq";
    private static final String NON_SPECIFIC_TAG = "!";

    private final String source;
    private final ParserLimits limits;
    private final Resolver resolver = new Resolver();

    private final Map<String, Anchored> anchors = new HashMap<>();
    private final Set<String> openAnchors = new HashSet<>();
    private Iterator<Event> events;

    /** Alias references expanded so far, each counted once per enclosing expansion. */
    private long aliasReferences;
    /** The deepest nesting reached so far inside the collection being read. */
    private int deepest;

    /** An anchored value, with the alias references and the nesting depth that expanding it adds. */
    private record Anchored(SourceValue value, long aliasReferences, int height) {
    }

    private YamlTreeReader(String source, ParserLimits limits) {
        this.source = source;
        this.limits = limits;
    }

    /**
     * Reads the single document in {@code text}; a text without a document gives a null scalar.
     *
     * @throws SchemaParseException on invalid YAML, a forbidden tag, a second document, or a
     *     crossed limit
     */
    static SourceValue read(String text, String source, ParserLimits limits) {
        return new YamlTreeReader(source, limits).readStream(text);
    }

    private SourceValue readStream(String text) {
        LoaderOptions options = new LoaderOptions();
        // The caller has checked the size in bytes, which is never less than the count of code
        // points, so this cap is only a second line of defence. This reader checks nesting,
        // aliases and duplicate keys itself because SnakeYAML checks them only when composing.
        options.setCodePointLimit(limits.maxDocumentBytes());
        options.setAllowDuplicateKeys(false);
        try {
            events = new Yaml(options).parse(new StringReader(text)).iterator();
            events.next();
            Event first = events.next();
            if (first.is(Event.ID.StreamEnd)) {
                return new Scalar(new SourcePosition(source, 1, 1), "", ScalarKind.NULL);
            }

            SourceValue root = readValue(events.next(), 0);
            events.next();
            Event after = events.next();
            if (after.is(Event.ID.DocumentStart)) {
                throw error(after.getStartMark(), "the file contains more than one YAML document (a second"
                        + " one starts here); keep one schema per file");
            }
            return root;
        } catch (MarkedYAMLException e) {
            throw syntaxError(e);
        } catch (YAMLException e) {
            throw new SchemaParseException(new SourcePosition(source, 1, 1), "invalid YAML: " + e.getMessage(), e);
        }
    }

    private SourceValue readValue(Event event, int depth) {
        return switch (event.getEventId()) {
            case Alias -> readAlias((AliasEvent) event, depth);
            case Scalar -> readScalar((ScalarEvent) event);
            case SequenceStart -> readSequence((CollectionStartEvent) event, depth + 1);
            case MappingStart -> readMapping((CollectionStartEvent) event, depth + 1);
            default -> throw new IllegalStateException("unexpected YAML event " + event);
        };
    }

    private SourceValue readAlias(AliasEvent event, int depth) {
        String anchor = event.getAnchor();
        if (openAnchors.contains(anchor)) {
            throw error(event.getStartMark(), "the alias '*" + anchor + "' refers to a node that contains it;"
                    + " recursive aliases are not allowed");
        }
        Anchored target = anchors.get(anchor);
        if (target == null) {
            throw error(event.getStartMark(), "the alias '*" + anchor + "' refers to no anchor;"
                    + " define '&" + anchor + "' before using it");
        }

        aliasReferences += 1 + target.aliasReferences();
        if (aliasReferences > limits.maxAliases()) {
            throw error(event.getStartMark(), limits.tooManyAliases());
        }
        if (depth + target.height() > limits.maxNestingDepth()) {
            throw error(event.getStartMark(), limits.nestingTooDeep());
        }
        deepest = Math.max(deepest, depth + target.height());
        return target.value();
    }

    private Scalar readScalar(ScalarEvent event) {
        Scalar scalar = new Scalar(position(event.getStartMark()), event.getValue(), scalarKind(event));
        if (event.getAnchor() != null) {
            anchors.put(event.getAnchor(), new Anchored(scalar, 0, 0));
        }
        return scalar;
    }

    private ScalarKind scalarKind(ScalarEvent event) {
        String tag = event.getTag();
        if (tag == null) {
            if (!event.isPlain()) {
                return ScalarKind.STRING;
            }
            Tag resolved = resolver.resolve(NodeId.scalar, event.getValue(), true);
            return kindOf(resolved.getValue());
        }
        if (tag.equals(NON_SPECIFIC_TAG)) {
            return ScalarKind.STRING;
        }
        ScalarKind kind = kindOf(tag);
        boolean implicitOnly = tag.equals(Tag.TIMESTAMP.getValue()) || tag.equals(Tag.MERGE.getValue());
        if (kind == null || implicitOnly) {
            throw forbiddenTag(event, tag);
        }
        return kind;
    }

    /**
     * Returns the kind for a tag that SnakeYAML's resolver gives plain scalars, or null for any
     * other tag. Timestamps and the merge key stay text.
     */
    private static ScalarKind kindOf(String tag) {
        if (tag.equals(Tag.STR.getValue()) || tag.equals(Tag.TIMESTAMP.getValue()) || tag.equals(Tag.MERGE.getValue())) {
            return ScalarKind.STRING;
        }
        if (tag.equals(Tag.INT.getValue())) {
            return ScalarKind.INTEGER;
        }
        if (tag.equals(Tag.FLOAT.getValue())) {
            return ScalarKind.FLOAT;
        }
        if (tag.equals(Tag.BOOL.getValue())) {
            return ScalarKind.BOOLEAN;
        }
        if (tag.equals(Tag.NULL.getValue())) {
            return ScalarKind.NULL;
        }
        return null;
    }

    private Sequence readSequence(CollectionStartEvent start, int depth) {
        int deepestOutside = enterCollection(start, Tag.SEQ, depth);
        long aliasesBefore = aliasReferences;

        List<SourceValue> items = new ArrayList<>();
        for (Event event = events.next(); !event.is(Event.ID.SequenceEnd); event = events.next()) {
            items.add(readValue(event, depth));
        }

        Sequence sequence = new Sequence(position(start.getStartMark()), items);
        leaveCollection(start, sequence, depth, aliasesBefore, deepestOutside);
        return sequence;
    }

    private Mapping readMapping(CollectionStartEvent start, int depth) {
        int deepestOutside = enterCollection(start, Tag.MAP, depth);
        long aliasesBefore = aliasReferences;

        Map<String, Entry> entries = new LinkedHashMap<>();
        List<SourceValue> merged = new ArrayList<>();
        for (Event event = events.next(); !event.is(Event.ID.MappingEnd); event = events.next()) {
            Scalar key = readKey(event, depth);
            SourceValue value = readValue(events.next(), depth);
            if (isMergeKey(event)) {
                merged.add(value);
                continue;
            }

            Entry first = entries.get(key.text());
            if (first != null) {
                throw new SchemaParseException(key.position(), "duplicate key '" + key.text() + "' (first at line "
                        + first.keyPosition().line() + ", column " + first.keyPosition().column() + "); remove one of them");
            }
            entries.put(key.text(), new Entry(key.text(), key.position(), value));
        }
        for (SourceValue value : merged) {
            merge(value, entries);
        }

        Mapping mapping = new Mapping(position(start.getStartMark()), List.copyOf(entries.values()));
        leaveCollection(start, mapping, depth, aliasesBefore, deepestOutside);
        return mapping;
    }

    private Scalar readKey(Event event, int depth) {
        SourceValue key = readValue(event, depth);
        if (key instanceof Scalar scalar) {
            return scalar;
        }
        throw new SchemaParseException(key.position(), "a mapping key must be text, got " + key.describe()
                + "; complex keys are not part of the schema language");
    }

    private static boolean isMergeKey(Event event) {
        return event instanceof ScalarEvent scalar
                && scalar.getTag() == null
                && scalar.isPlain()
                && scalar.getValue().equals("<<");
    }

    /** Adds the entries of a merge key's value whose keys the mapping does not set itself. */
    private void merge(SourceValue value, Map<String, Entry> entries) {
        List<SourceValue> sources = value instanceof Sequence sequence ? sequence.items() : List.of(value);
        for (SourceValue merged : sources) {
            if (!(merged instanceof Mapping mapping)) {
                throw new SchemaParseException(merged.position(), "the merge key '<<' needs a mapping or a list of"
                        + " mappings, got " + merged.describe());
            }
            for (Entry entry : mapping.entries()) {
                entries.putIfAbsent(entry.key(), entry);
            }
        }
    }

    /** Checks the tag and the depth of a collection that starts; returns the deepest level seen outside it. */
    private int enterCollection(CollectionStartEvent start, Tag expectedTag, int depth) {
        String tag = start.getTag();
        if (tag != null && !tag.equals(NON_SPECIFIC_TAG) && !tag.equals(expectedTag.getValue())) {
            throw forbiddenTag(start, tag);
        }
        if (depth > limits.maxNestingDepth()) {
            throw error(start.getStartMark(), limits.nestingTooDeep());
        }
        if (start.getAnchor() != null) {
            openAnchors.add(start.getAnchor());
        }
        int deepestOutside = deepest;
        deepest = depth;
        return deepestOutside;
    }

    private void leaveCollection(CollectionStartEvent start, SourceValue value, int depth, long aliasesBefore,
            int deepestOutside) {
        String anchor = start.getAnchor();
        if (anchor != null) {
            openAnchors.remove(anchor);
            anchors.put(anchor, new Anchored(value, aliasReferences - aliasesBefore, deepest - depth + 1));
        }
        deepest = Math.max(deepest, deepestOutside);
    }

    private SchemaParseException forbiddenTag(NodeEvent event, String tag) {
        String written = tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
        return error(event.getStartMark(), "the tag '" + written + "' is not allowed; a schema may use only the"
                + " standard tags " + ALLOWED_TAGS + ", so remove it");
    }

    private SchemaParseException syntaxError(MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        SourcePosition at = mark == null ? new SourcePosition(source, 1, 1) : position(mark);
        StringBuilder message = new StringBuilder("invalid YAML: ").append(e.getProblem());
        if (e.getContext() != null && e.getContextMark() != null) {
            message.append(" (").append(e.getContext()).append(" at line ").append(e.getContextMark().getLine() + 1).append(')');
        }
        return new SchemaParseException(at, message.toString(), e);
    }

    private SchemaParseException error(Mark mark, String message) {
        return new SchemaParseException(position(mark), message);
    }

    private SourcePosition position(Mark mark) {
        return new SourcePosition(source, mark.getLine() + 1, mark.getColumn() + 1);
    }
}
