package io.flume.runtime.processors;

/**
 * Identifies a schema node inside a compiled topology.
 *
 * @param name the node's stable name, which its Kafka Streams processors are named after
 * @param path the node's schema path, such as {@code root.children[2].then}
 */
public record NodeId(String name, String path) {
}
