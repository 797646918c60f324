package io.flume.runtime.gather;

import io.flume.runtime.envelope.Envelope;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * The correlation ids of a gather store: the source record's topic, partition and offset, and
 * the path of the {@code concurrent} node, so that nested gathers of one record do not collide.
 */
public final class GatherKeys {

    private GatherKeys() {
    }

    /**
     * Returns the correlation id of the record at {@code origin} for the node at {@code nodePath}.
     * A record without a source position (null origin) gets topic "" and partition and offset -1.
     */
    // NOTE: records without a source position share one id per node, so two of them waiting at
    // once would mix their reports. A report released from a retry topic partition other than the
    // source partition reaches another task's store, and its gather times out.
    public static Bytes of(Envelope.Origin origin, String nodePath) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            GatherEntry.writeString(out, origin == null || origin.topic() == null ? "" : origin.topic());
            out.writeInt(origin == null ? -1 : origin.partition());
            out.writeLong(origin == null ? -1 : origin.offset());
            out.write(nodePath.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Bytes.wrap(bytes.toByteArray());
    }
}
