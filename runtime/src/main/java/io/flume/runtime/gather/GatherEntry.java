package io.flume.runtime.gather;

import static io.flume.runtime.serde.StoreEncoding.readBytes;
import static io.flume.runtime.serde.StoreEncoding.writeBytes;

import io.flume.runtime.envelope.Envelope;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One pending gather in a gather store: the record as the {@code concurrent} node received it
 * (key, value, timestamp, headers, the frames of the enclosing failure-handling nodes and the
 * source position), the wall-clock time by which it must complete, and the reports of the
 * children so far. Keys and values are the pipeline's serdes' bytes.
 *
 * <p>Encoding, version 1: a version byte, then the deadline, the key, the timestamp, the
 * headers, the value, the frames ({@code FrameCodec}), the origin and the reports, with byte
 * arrays and strings written as a length (-1 for null) and the bytes.
 *
 * @param deadline wall-clock epoch milliseconds after which the gather completes without the missing children
 * @param reports each child's report, by child name, in the order they arrived
 */
public record GatherEntry(long deadline, byte[] key, long timestamp, Headers headers, byte[] value, byte[] frames,
                          Envelope.Origin origin, Map<String, Report> reports) {

    private static final byte VERSION = 1;

    /**
     * The report of one child: its result, or its failure as class name, message and node.
     *
     * @param result the serialized result, or null for a failure
     */
    public record Report(byte[] result, String errorClass, String message, String nodePath, String nodeName) {

        public static Report success(byte[] result) {
            return new Report(result, null, null, null, null);
        }

        public boolean succeeded() {
            return errorClass == null;
        }
    }

    /** Returns this entry with {@code report} recorded for {@code child}, replacing an earlier one. */
    public GatherEntry withReport(String child, Report report) {
        Map<String, Report> next = new LinkedHashMap<>(reports);
        next.put(child, report);
        return new GatherEntry(deadline, key, timestamp, headers, value, frames, origin, next);
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(deadline);
            writeBytes(out, key);
            out.writeLong(timestamp);
            Header[] all = headers.toArray();
            out.writeInt(all.length);
            for (Header header : all) {
                writeString(out, header.key());
                writeBytes(out, header.value());
            }
            writeBytes(out, value);
            writeBytes(out, frames);
            out.writeBoolean(origin != null);
            if (origin != null) {
                writeString(out, origin.topic());
                out.writeInt(origin.partition());
                out.writeLong(origin.offset());
            }
            out.writeInt(reports.size());
            for (Map.Entry<String, Report> entry : reports.entrySet()) {
                writeString(out, entry.getKey());
                Report report = entry.getValue();
                writeBytes(out, report.result());
                writeString(out, report.errorClass());
                writeString(out, report.message());
                writeString(out, report.nodePath());
                writeString(out, report.nodeName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes an entry; throws IllegalArgumentException for another version and UncheckedIOException when truncated. */
    public static GatherEntry decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("gather store entry has version " + version + ", this Flume reads version " + VERSION);
            }
            long deadline = in.readLong();
            byte[] key = readBytes(in);
            long timestamp = in.readLong();
            RecordHeaders headers = new RecordHeaders();
            int headerCount = in.readInt();
            for (int i = 0; i < headerCount; i++) {
                headers.add(readString(in), readBytes(in));
            }
            byte[] value = readBytes(in);
            byte[] frames = readBytes(in);
            Envelope.Origin origin = in.readBoolean() ? new Envelope.Origin(readString(in), in.readInt(), in.readLong()) : null;
            int reportCount = in.readInt();
            Map<String, Report> reports = new LinkedHashMap<>();
            for (int i = 0; i < reportCount; i++) {
                reports.put(readString(in), new Report(readBytes(in), readString(in), readString(in), readString(in), readString(in)));
            }
            return new GatherEntry(deadline, key, timestamp, headers, value, frames, origin, reports);
        } catch (IOException e) {
            throw new UncheckedIOException("gather store entry is truncated", e);
        }
    }

    static void writeString(DataOutputStream out, String text) throws IOException {
        writeBytes(out, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
    }

    static String readString(DataInputStream in) throws IOException {
        byte[] bytes = readBytes(in);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
