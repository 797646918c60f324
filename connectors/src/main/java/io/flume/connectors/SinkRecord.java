package io.flume.connectors;

import org.apache.kafka.common.header.Headers;

/**
 * One record on its way to a sink: the stream's key and value as serialized bytes (JSON for the
 * pipeline's values), its headers, and the position it had in the stream's topic, which the
 * connector commits once the target has acknowledged it.
 *
 * @param stream the stream name from the schema
 * @param key the key bytes, or null
 * @param value the value bytes, or null for a tombstone
 * @param headers the record's headers; never null
 * @param timestamp the record's timestamp in epoch milliseconds
 * @param topic the topic the record was read from
 * @param partition its partition, or -1 when it came from a direct channel
 * @param offset its offset, or -1 when it came from a direct channel
 */
public record SinkRecord(
        String stream,
        byte[] key,
        byte[] value,
        Headers headers,
        long timestamp,
        String topic,
        int partition,
        long offset) {
}
