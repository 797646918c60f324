package io.flume.runtime.retry;

import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.serde.StoreEncoding;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * Encodes the frames of the failure-handling nodes around a retry node into the
 * {@code flume.retry.frames} header, with the saved inputs serialized by the value serde, so
 * that a record released from the retry store finds its enclosing nodes as it left them.
 */
public final class FrameCodec {

    private static final byte VERSION = 1;

    private FrameCodec() {
    }

    public static <T> byte[] encode(List<Envelope.Frame<T>> frames, Serde<T> serde, String topic) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(frames.size());
            for (Envelope.Frame<T> frame : frames) {
                out.writeUTF(frame.node());
                out.writeInt(frame.attempt());
                StoreEncoding.writeBytes(out, serde.serializer().serialize(topic, frame.input()));
                Envelope.FirstFailure first = frame.firstFailure();
                out.writeBoolean(first != null);
                if (first != null) {
                    out.writeUTF(first.errorClass());
                    out.writeUTF(first.message());
                    out.writeUTF(first.nodePath());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static <T> List<Envelope.Frame<T>> decode(byte[] encoded, Serde<T> serde, String topic) {
        if (encoded == null) {
            return List.of();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("header flume.retry.frames has version " + version
                        + ", this Flume reads version " + VERSION);
            }
            int count = in.readInt();
            List<Envelope.Frame<T>> frames = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String node = in.readUTF();
                int attempt = in.readInt();
                T input = serde.deserializer().deserialize(topic, StoreEncoding.readBytes(in));
                Envelope.FirstFailure first = in.readBoolean()
                        ? new Envelope.FirstFailure(in.readUTF(), in.readUTF(), in.readUTF()) : null;
                frames.add(new Envelope.Frame<>(node, input, attempt, first));
            }
            return frames;
        } catch (IOException e) {
            throw new UncheckedIOException("header flume.retry.frames is truncated", e);
        }
    }
}
