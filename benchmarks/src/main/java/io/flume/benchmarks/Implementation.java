package io.flume.benchmarks;

/** The ways a workload's logic becomes a Kafka Streams topology. */
public enum Implementation {
    /** The schema compiled by Flume. */
    COMPILED,
    /** The same logic written by hand against the Kafka Streams DSL ({@link HandWrittenTopologies}). */
    HAND_WRITTEN,
    /** A topology that copies the input topic's bytes to one output topic: the ceiling. */
    PASS_THROUGH;

    public String label() {
        return name().toLowerCase().replace('_', '-');
    }
}
