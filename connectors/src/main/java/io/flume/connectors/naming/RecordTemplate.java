package io.flume.connectors.naming;

import io.flume.connectors.ConnectorSettings;
import io.flume.connectors.SinkRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A name built from a record, such as a RabbitMQ routing key or a Redis stream key: literal text
 * with the placeholders {@code {stream}}, {@code {key}}, {@code {topic}} and {@code {partition}}.
 * A template without placeholders is a fixed name. A null key renders as the empty string.
 */
public final class RecordTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Set<String> NAMES = Set.of("stream", "key", "topic", "partition");

    private final String text;
    private final List<Object> parts;

    private RecordTemplate(String text, List<Object> parts) {
        this.text = text;
        this.parts = parts;
    }

    /** Parses the template in setting {@code key}; an unknown placeholder is reported with the setting. */
    public static RecordTemplate parse(ConnectorSettings settings, String key, String text) {
        List<Object> parts = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        int literalStart = 0;
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!NAMES.contains(name)) {
                throw settings.invalid(key,
                        "has the unknown placeholder {" + name + "}; use {stream}, {key}, {topic} or {partition}", text);
            }
            if (matcher.start() > literalStart) {
                parts.add(text.substring(literalStart, matcher.start()));
            }
            parts.add(Placeholder.valueOf(name.toUpperCase(Locale.ROOT)));
            literalStart = matcher.end();
        }
        if (literalStart < text.length()) {
            parts.add(text.substring(literalStart));
        }
        return new RecordTemplate(text, List.copyOf(parts));
    }

    public String render(SinkRecord record) {
        if (parts.size() == 1 && parts.get(0) instanceof String literal) {
            return literal;
        }
        StringBuilder name = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Placeholder placeholder) {
                name.append(placeholder.valueOf(record));
            } else {
                name.append(part);
            }
        }
        return name.toString();
    }

    @Override
    public String toString() {
        return text;
    }

    private enum Placeholder {
        STREAM, KEY, TOPIC, PARTITION;

        String valueOf(SinkRecord record) {
            return switch (this) {
                case STREAM -> record.stream();
                case KEY -> record.key() == null ? "" : RecordText.lenient(record.key());
                case TOPIC -> record.topic() == null ? "" : record.topic();
                case PARTITION -> Integer.toString(record.partition());
            };
        }
    }
}
