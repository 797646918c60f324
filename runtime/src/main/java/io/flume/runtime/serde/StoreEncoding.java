package io.flume.runtime.serde;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Length-prefixed byte arrays for the versioned encodings of state-store entries (retry and gather
 * stores): a length of -1 stands for null.
 */
public final class StoreEncoding {

    private StoreEncoding() {
    }

    public static void writeBytes(DataOutputStream out, byte[] data) throws IOException {
        if (data == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(data.length);
        out.write(data);
    }

    public static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        return in.readNBytes(length);
    }
}
