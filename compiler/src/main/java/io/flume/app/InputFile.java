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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads a file of input records for {@code flume run --input}: JSON lines or CSV with a header row.
 * A UTF-8 byte-order mark at the start of either kind of file is skipped.
 *
 * <p><b>JSON lines</b>: one document per line, blank lines skipped. A line is passed on as
 * written, even when it is not valid JSON, so that the pipeline's deserialization handler
 * dead-letters it instead of the file reader dropping it.
 *
 * <p><b>CSV</b> (a {@code .csv} file, RFC 4180): the first row names the columns, and each later
 * row becomes a JSON object with one field per column. A quoted cell may contain commas, doubled
 * quotes ({@code ""}) and line breaks. Cells are typed as follows, whether or not they are quoted:
 * <ul>
 *   <li>a cell written as a JSON number ({@code 42}, {@code -3.5}, {@code 1e6}) becomes that
 *       number, with every digit kept; {@code 007}, {@code +5} and {@code 1,000} stay text
 *   <li>an empty cell, and a cell missing at the end of a short row, becomes {@code null}
 *   <li>every other cell, {@code true} and {@code false} included, becomes text
 * </ul>
 * A row with more cells than the header has columns is an error, not a row with extra fields:
 * it usually means that a cell contains an unquoted comma, so its cells do not line up with the
 * columns. {@link #check()} finds such rows, a header that names a column twice and a quoted cell
 * that is never closed, so that a caller can reject the file before producing any record.
 */
public final class InputFile {

    /** One record to produce: the key (null when the record has no key field) and the value's bytes. */
    public record Entry(String key, byte[] value, int line) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int BYTE_ORDER_MARK = '\uFEFF';
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

    /**
     * Reads every record in file order and hands it to {@code sink}; returns the number of records.
     *
     * @throws InputFileException when a CSV header or row is invalid, after handing on the records
     *     before it; call {@link #check()} first to reject such a file before any record
     */
    public long forEach(Consumer<Entry> sink) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            skipByteOrderMark(reader);
            return isCsv() ? readCsv(reader, sink) : readJsonLines(reader, sink);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Reads the whole file without handing on records, to find the errors {@link #forEach} would
     * stop at.
     *
     * @throws InputFileException naming the file and line of the first invalid CSV header or row
     */
    public void check() throws IOException {
        forEach(entry -> { });
    }

    private static void skipByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != BYTE_ORDER_MARK) {
            reader.reset();
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
        CsvReader csv = new CsvReader(reader, path);
        List<String> header = csv.next();
        if (header == null) {
            return 0;
        }
        checkHeader(header, csv.line());
        long count = 0;
        for (List<String> row = csv.next(); row != null; row = csv.next()) {
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue;
            }
            if (row.size() > header.size()) {
                throw new InputFileException(path + ":" + csv.line() + ": the row has " + row.size() + " cells, but the header"
                        + " has " + header.size() + " columns (" + String.join(", ", header) + "); quote the cell that"
                        + " contains a comma, or add a column to the header");
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

    /** Rejects a header that names a column twice, because the second cell would overwrite the first. */
    private void checkHeader(List<String> header, int line) throws InputFileException {
        Set<String> seen = new HashSet<>();
        for (String column : header) {
            if (!seen.add(column)) {
                throw new InputFileException(path + ":" + line + ": the header names the column '" + column
                        + "' twice; rename one of them so that no cell overwrites another");
            }
        }
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
        private final Path path;
        private int line;
        private int rowStartLine;

        CsvReader(BufferedReader reader, Path path) {
            this.reader = reader;
            this.path = path;
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
            int quoteLine = 0;
            int i = 0;
            while (true) {
                if (i == text.length()) {
                    if (!quoted) {
                        break;
                    }
                    String more = reader.readLine();
                    if (more == null) {
                        throw new InputFileException(path + ":" + quoteLine + ": the quoted cell that starts on this line"
                                + " is not closed before the end of the file; end it with '\"', and write a quote inside"
                                + " a quoted cell as '\"\"'");
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
                    quoteLine = line;
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
