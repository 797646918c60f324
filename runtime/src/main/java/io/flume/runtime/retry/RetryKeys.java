package io.flume.runtime.retry;

import java.nio.ByteBuffer;

/**
 * The keys of a retry store: (due time, partition, offset) in 20 big-endian bytes, each number
 * with its sign bit flipped, so that comparing keys as unsigned bytes (as RocksDB and
 * {@code Bytes} do) orders them exactly like the numbers, negative ones included. A range scan
 * from {@link #first()} to {@link #lastDueAt(long)} yields the records due by then, oldest due
 * time first, and records due at the same time in (partition, offset) order.
 */
public final class RetryKeys {

    /** The length of every key in bytes. */
    public static final int LENGTH = Long.BYTES + Integer.BYTES + Long.BYTES;

    private RetryKeys() {
    }

    public static byte[] encode(long due, int partition, long offset) {
        return ByteBuffer.allocate(LENGTH)
                .putLong(due ^ Long.MIN_VALUE)
                .putInt(partition ^ Integer.MIN_VALUE)
                .putLong(offset ^ Long.MIN_VALUE)
                .array();
    }

    /** Returns the due time of an encoded key. */
    public static long due(byte[] key) {
        return ByteBuffer.wrap(key).getLong() ^ Long.MIN_VALUE;
    }

    /** Returns the smallest possible key. */
    public static byte[] first() {
        return encode(Long.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE);
    }

    /** Returns the largest key due at or before {@code now}. */
    public static byte[] lastDueAt(long now) {
        return encode(now, Integer.MAX_VALUE, Long.MAX_VALUE);
    }
}
