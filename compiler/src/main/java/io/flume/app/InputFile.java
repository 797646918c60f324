package io.flume.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads a file of input records for {@code flume run --input}: JSON lines (one document per line,
 * blank lines skipped) or CSV with a header row, each row becoming a JSON object whose fields are
 * the header's columns. A JSON line is passed on as written, even when it is not valid JSON, so
 * that the pipeline's deserialization handler dead-letters it instead of the file reader dropping
 * it.
 */
public final class InputFile {

    /** One record to produce: the key (null when the record has no key field) and the value's bytes. */
    public record Entry(String key, byte[] value, int line) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private final Path path;
    private final String keyField;

    /**
     * @param keyField the top-level field whose text becomes the record's key, such as {@code id}
     */
    public InputFile(Path path, String keyField) {
        this.path = path;
        this.keyField = keyField;
    }

    public Path path() {
        return path;
    }

    /** Returns true for a {@code .csv} file; every other file is read as JSON lines. */
    public boolean isCsv() {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    /** Reads every record in file order and hands it to {@code sink}; returns the number of records. */
    public long forEach(Consumer<Entry> sink) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return isCsv() ? readCsv(reader, sink) : readJsonLines(reader, sink);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private long readJsonLines(BufferedReader reader, Consumer<Entry> sink) throws IOException {
        long count = 0;
        int lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            sink.accept(new Entry(keyOf(line), line.getBytes(StandardCharsets.UTF_8), lineNumber));
            count++;
        }
        return count;
    }

    private String keyOf(String json) {
        try {
            JsonNode key = MAPPER.readTree(json).get(keyField);
            return key == null || key.isNull() ? null : key.asText();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private long readCsv(BufferedReader reader, Consumer<Entry> sink) throws IOException {
        CsvReader csv = new CsvReader(reader);
        List<String> header = csv.next();
        if (header == null) {
            return 0;
        }
        long count = 0;
        for (List<String> row = csv.next(); row != null; row = csv.next()) {
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue;
            }
            ObjectNode object = MAPPER.createObjectNode();
            for (int i = 0; i < header.size(); i++) {
                String cell = i < row.size() ? row.get(i) : "";
                putCell(object, header.get(i), cell);
            }
            JsonNode key = object.get(keyField);
            sink.accept(new Entry(key == null || key.isNull() ? null : key.asText(), MAPPER.writeValueAsBytes(object), csv.line()));
            count++;
        }
        return count;
    }

    /** Stores a CSV cell as a JSON number when it is written as one, null when empty, else as text. */
    private static void putCell(ObjectNode object, String column, String cell) {
        if (cell.isEmpty()) {
            object.putNull(column);
        } else if (NUMBER.matcher(cell).matches()) {
            object.put(column, new java.math.BigDecimal(cell));
        } else {
            object.put(column, cell);
        }
    }

    /** A CSV reader for RFC 4180 files: quoted fields may contain commas, quotes ("") and line breaks. */
    private static final class CsvReader {
        private final BufferedReader reader;
        private int line;
        private int rowStartLine;

        CsvReader(BufferedReader reader) {
            this.reader = reader;
        }

        int line() {
            return rowStartLine;
        }

        List<String> next() throws IOException {
            String text = reader.readLine();
            if (text == null) {
                return null;
            }
            line++;
            rowStartLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int i = 0;
            while (true) {
                if (i == text.length()) {
                    if (!quoted) {
                        break;
                    }
                    String more = reader.readLine();
                    if (more == null) {
                        throw new IOException("line " + rowStartLine + ": a quoted CSV field is not closed before the end of the file");
                    }
                    line++;
                    field.append('\n');
                    text = more;
                    i = 0;
                    continue;
                }
                char c = text.charAt(i++);
                if (quoted) {
                    if (c == '"' && i < text.length() && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"' && field.isEmpty()) {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            fields.add(field.toString());
            return fields;
        }
    }
}
