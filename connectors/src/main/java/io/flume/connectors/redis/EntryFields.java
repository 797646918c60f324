package io.flume.connectors.redis;

import io.flume.connectors.ConnectorSettings;
import io.flume.connectors.SinkRecord;
import io.flume.connectors.naming.RecordText;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.header.Header;

/**
 * Maps a record to the fields of its stream entry, as the {@code fields} setting gives them: each
 * entry field name maps to one part of the record. A part that is absent (a null key, a tombstone's
 * value, a direct channel's offset, a missing header) leaves its field out of the entry.
 */
final class EntryFields {

    static final String SETTING = "fields";
    private static final String HEADER_PREFIX = "header:";

    private final Map<byte[], Part> parts;

    private EntryFields(Map<byte[], Part> parts) {
        this.parts = parts;
    }

    static EntryFields read(ConnectorSettings settings) {
        Map<String, Object> mapping = settings.map(SETTING);
        if (mapping.isEmpty()) {
            // The default: the key, the value as JSON text and the source position.
            mapping = new LinkedHashMap<>();
            mapping.put("key", "key");
            mapping.put("value", "value");
            mapping.put("source", "source");
        }
        Map<byte[], Part> parts = new LinkedHashMap<>();
        mapping.forEach((field, part) -> parts.put(field.getBytes(StandardCharsets.UTF_8), Part.parse(settings, field, part)));
        return new EntryFields(parts);
    }

    /** Returns the entry's field names and values in the order of the setting; empty when every part is absent. */
    Map<byte[], byte[]> entry(SinkRecord record) {
        Map<byte[], byte[]> entry = new LinkedHashMap<>();
        parts.forEach((field, part) -> {
            byte[] value = part.valueOf(record);
            if (value != null) {
                entry.put(field, value);
            }
        });
        return entry;
    }

    private record Part(Kind kind, String header) {

        static Part parse(ConnectorSettings settings, String field, Object value) {
            String text = value == null ? "" : value.toString().trim();
            if (text.startsWith(HEADER_PREFIX) && text.length() > HEADER_PREFIX.length()) {
                return new Part(Kind.HEADER, text.substring(HEADER_PREFIX.length()));
            }
            try {
                Kind kind = Kind.valueOf(text.toUpperCase(Locale.ROOT));
                if (kind != Kind.HEADER) {
                    return new Part(kind, null);
                }
            } catch (IllegalArgumentException e) {
                // Reported below with the setting's name.
            }
            throw settings.invalid(SETTING + "." + field, "must be one of key, value, stream, topic, partition,"
                    + " offset, timestamp, source or header:NAME", value);
        }

        byte[] valueOf(SinkRecord record) {
            return switch (kind) {
                case KEY -> record.key();
                case VALUE -> record.value();
                case STREAM -> utf8(record.stream());
                case TOPIC -> record.offset() < 0 ? null : utf8(record.topic());
                case PARTITION -> record.offset() < 0 ? null : utf8(Integer.toString(record.partition()));
                case OFFSET -> record.offset() < 0 ? null : utf8(Long.toString(record.offset()));
                case TIMESTAMP -> utf8(Long.toString(record.timestamp()));
                case SOURCE -> utf8(RecordText.sourcePosition(record));
                case HEADER -> lastHeader(record, header);
            };
        }

        private static byte[] lastHeader(SinkRecord record, String name) {
            Header last = record.headers().lastHeader(name);
            return last == null ? null : last.value();
        }

        private static byte[] utf8(String text) {
            return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
        }
    }

    private enum Kind {
        KEY, VALUE, STREAM, TOPIC, PARTITION, OFFSET, TIMESTAMP, SOURCE, HEADER
    }
}
