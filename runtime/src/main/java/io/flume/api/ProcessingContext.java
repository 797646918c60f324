package io.flume.api;

import org.apache.kafka.common.header.Headers;

/**
 * What a processor can see of the record it is processing and of the node that runs it.
 *
 * <p>In a topology these come from the Kafka record being processed. In in-process execution
 * ({@code pipeline.process(value)}) there is no Kafka record: the key is whatever the caller
 * passed (null by default), the headers are empty, the topic is null and the partition and offset
 * are -1. The timestamp is the pipeline clock's time when a processor of the run first reads it.
 *
 * <p>A context is valid during the processor's call only: both back-ends reuse the object for
 * later calls, so a processor must not keep it.
 */
public interface ProcessingContext {

    /** Returns the record's key, deserialized with the source's key serde; may be null. */
    Object key();

    /** Returns the record's headers, which a processor may read and change. */
    Headers headers();

    /** Returns the record's timestamp in epoch milliseconds. */
    long timestamp();

    /** Returns the topic the record was read from, or null outside a topology. */
    String topic();

    /** Returns the partition the record was read from, or -1 outside a topology. */
    int partition();

    /** Returns the offset of the record in its source partition, or -1 outside a topology. */
    long offset();

    /** Returns the schema path of the node running the processor, such as {@code root.children[1]}. */
    String nodePath();

    /** Returns the stable name of the node running the processor. */
    String nodeName();

    /** Returns the attempt number, 1 for the first run and higher under a {@code retry} node. */
    int attempt();
}
