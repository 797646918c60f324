package io.flume.reliability;

/**
 * The size of a reliability run. {@code mvn verify} runs the short mode, which keeps the suite
 * to a few minutes on a two-core machine. {@code -Dflume.reliability=long} runs more records and
 * more faults. {@code -Dflume.reliability.seed=SEED} repeats a run's random
 * choices, which every test prints.
 */
final class ReliabilityMode {

    static final boolean LONG = "long".equals(System.getProperty("flume.reliability"));

    private ReliabilityMode() {
    }

    /** Returns {@code shortValue} in short mode and {@code longValue} in long mode. */
    static int pick(int shortValue, int longValue) {
        return LONG ? longValue : shortValue;
    }

    /** Returns the configured seed, or a new random one, which the caller prints. */
    static long seed() {
        String configured = System.getProperty("flume.reliability.seed");
        return configured != null ? Long.parseLong(configured) : new java.util.Random().nextLong();
    }
}
