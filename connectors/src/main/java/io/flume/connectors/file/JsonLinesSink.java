package io.flume.connectors.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flume.connectors.Sink;
import io.flume.connectors.SinkException;
import io.flume.connectors.SinkRecord;
import io.flume.connectors.WriteResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Appends each record's value as one line of JSON to a file, and forces the file to disk
 * ({@link FileChannel#force}) before it acknowledges a batch.
 *
 * <p>Rotation: records are always appended to {@code path}, such as {@code major.jsonl}. When
 * the next line would take the file past {@code max-file-size}, the file is closed and renamed
 * to the next free number, {@code major-1.jsonl}, then {@code major-2.jsonl} and so on, so that
 * reading the numbered files in order and then {@code path} gives the records in the order
 * written. A single line larger than the limit gets a file of its own.
 *
 * <p>A value that is not one JSON value is rejected as a permanent failure (it goes to the
 * dead-letter topic); a value written across several lines is rewritten on one. A tombstone
 * (no value) is written as {@code null}. When writing fails, the file is truncated back to where
 * the batch began, so that a retry leaves no partial line.
 */
final class JsonLinesSink implements Sink {

    private static final byte NEWLINE = '\n';
    private static final byte[] NULL_LINE = "null\n".getBytes(StandardCharsets.US_ASCII);
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

    private final String connector;
    private final Path path;
    private final long maxFileSize;
    private final Pattern rotatedName;
    private FileChannel file;
    private long size;
    private int nextIndex;

    JsonLinesSink(String connector, Path path, long maxFileSize) {
        this.connector = connector;
        this.path = path;
        this.maxFileSize = maxFileSize;
        this.rotatedName = Pattern.compile(Pattern.quote(baseName()) + "-(\\d+)" + Pattern.quote(extension()));
    }

    @Override
    public void open() throws SinkException {
        Path folder = path.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw SinkException.permanentFailure("the folder " + folder + " of " + path + " does not exist; create it or fix 'path'",
                    null);
        }
        if (!Files.isWritable(folder)) {
            throw SinkException.permanentFailure("the folder " + folder + " is not writable by this process; fix its permissions"
                    + " or choose another 'path'", null);
        }
        try {
            nextIndex = highestRotatedIndex(folder) + 1;
            openFile();
        } catch (IOException e) {
            throw SinkException.permanentFailure("failed to open " + path + " for appending: " + e, e);
        }
    }

    private void openFile() throws IOException {
        file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        size = file.size();
    }

    private int highestRotatedIndex(Path folder) throws IOException {
        int highest = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path candidate : (Iterable<Path>) files::iterator) {
                Matcher matcher = rotatedName.matcher(candidate.getFileName().toString());
                if (matcher.matches() && matcher.group(1).length() < 10) {
                    highest = Math.max(highest, Integer.parseInt(matcher.group(1)));
                }
            }
        }
        return highest;
    }

    @Override
    public WriteResult write(List<SinkRecord> batch) throws SinkException {
        Map<Integer, SinkException> failures = new HashMap<>();
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        long segmentStart = size;
        try {
            for (int i = 0; i < batch.size(); i++) {
                byte[] line;
                try {
                    line = line(batch.get(i).value());
                } catch (IOException e) {
                    failures.put(i, SinkException.permanentFailure("the value is not one JSON value, so it cannot be a line of "
                            + path + ": " + e.getMessage(), e));
                    continue;
                }
                if (size + pending.size() > 0 && size + pending.size() + line.length > maxFileSize) {
                    append(pending);
                    rotate();
                    segmentStart = 0;
                }
                pending.writeBytes(line);
            }
            append(pending);
            file.force(false);
        } catch (IOException e) {
            truncate(segmentStart);
            throw SinkException.transientFailure("failed to append to " + path + ": " + e, e);
        }
        return WriteResult.withFailures(failures);
    }

    /** Returns the value as one JSON line with its newline; throws for a value that is not exactly one JSON value. */
    static byte[] line(byte[] value) throws IOException {
        if (value == null) {
            return NULL_LINE;
        }
        boolean multiline = false;
        try (JsonParser parser = JSON.createParser(value)) {
            if (parser.nextToken() == null) {
                throw new IOException("the value is empty");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new IOException("more than one JSON value, at " + parser.currentLocation().getCharOffset());
            }
        }
        for (byte b : value) {
            if (b == '\n' || b == '\r') {
                multiline = true;
                break;
            }
        }
        byte[] compact = multiline ? MAPPER.writeValueAsBytes(MAPPER.readTree(value)) : value;
        byte[] line = new byte[compact.length + 1];
        System.arraycopy(compact, 0, line, 0, compact.length);
        line[compact.length] = NEWLINE;
        return line;
    }

    private void append(ByteArrayOutputStream pending) throws IOException {
        if (pending.size() == 0) {
            return;
        }
        ByteBuffer buffer = ByteBuffer.wrap(pending.toByteArray());
        while (buffer.hasRemaining()) {
            file.write(buffer);
        }
        size += pending.size();
        pending.reset();
    }

    /** Forces and closes the current file, renames it to the next number and opens a new one at {@code path}. */
    private void rotate() throws IOException {
        file.force(false);
        file.close();
        Path rotated = path.resolveSibling(baseName() + "-" + nextIndex + extension());
        Files.move(path, rotated, StandardCopyOption.ATOMIC_MOVE);
        nextIndex++;
        forceFolder();
        openFile();
    }

    /** Makes the rename durable where the platform allows forcing a folder (Linux does). */
    private void forceFolder() {
        try (FileChannel folder = FileChannel.open(path.getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException e) {
            // Not supported on every platform; the rename is then as durable as the file system makes it.
        }
    }

    private void truncate(long length) {
        try {
            if (file == null || !file.isOpen()) {
                openFile();
            }
            file.truncate(length);
            size = file.size();
        } catch (IOException e) {
            // The next write appends after the partial line; the message of this failure names the file.
        }
    }

    private String baseName() {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private String extension() {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot) : "";
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // Every acknowledged batch was forced to disk already.
            }
            file = null;
        }
    }

    @Override
    public String toString() {
        return "json-lines sink of connector " + connector + " to " + path;
    }
}
