package io.flume.runtime.retry;

import static io.flume.runtime.serde.StoreEncoding.readBytes;
import static io.flume.runtime.serde.StoreEncoding.writeBytes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record of a retry topic as its retry store keeps it: timestamp, key and value bytes exactly
 * as the topic held them, and every header. The encoding starts with a version byte, so that a
 * later version can read what this one wrote.
 */
public record RetryEntry(long timestamp, byte[] key, byte[] value, Headers headers) {

    private static final byte VERSION = 1;

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeLong(timestamp);
            writeBytes(out, key);
            writeBytes(out, value);
            Header[] all = headers.toArray();
            out.writeInt(all.length);
            for (Header header : all) {
                out.writeUTF(header.key());
                writeBytes(out, header.value());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static RetryEntry decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("retry store entry has version " + version + ", this Flume reads version "
                        + VERSION + "; run the Flume version that wrote it until its retries are done");
            }
            long timestamp = in.readLong();
            byte[] key = readBytes(in);
            byte[] value = readBytes(in);
            int count = in.readInt();
            RecordHeaders headers = new RecordHeaders();
            for (int i = 0; i < count; i++) {
                headers.add(in.readUTF(), readBytes(in));
            }
            return new RetryEntry(timestamp, key, value, headers);
        } catch (IOException e) {
            throw new UncheckedIOException("retry store entry is truncated", e);
        }
    }
}
