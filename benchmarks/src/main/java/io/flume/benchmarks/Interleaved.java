package io.flume.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs single-threaded cases interleaved in one JVM (every round runs each case once, in a
 * rotated order) and records the calling thread's CPU time per operation. CPU time counts only
 * the time the thread ran, so it is far less sensitive than wall-clock time to other jobs on a
 * shared machine. It still includes their effect on caches.
 */
public final class Interleaved {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** A case: runs {@code operations} operations, and returns a value that keeps the work from being optimized away. */
    @FunctionalInterface
    public interface Case {
        long run(int operations) throws Exception;
    }

    private final Map<String, Case> cases = new LinkedHashMap<>();

    public Interleaved add(String name, Case body) {
        cases.put(name, body);
        return this;
    }

    /**
     * Runs {@code warmups} rounds that are not kept, then {@code rounds} rounds; returns CPU
     * nanoseconds per operation by case.
     */
    public Samples run(int warmups, int rounds, int operations) throws Exception {
        if (!THREADS.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }
        List<String> names = new ArrayList<>(cases.keySet());
        Samples nanos = new Samples();
        long sink = 0;
        for (int round = 0; round < warmups + rounds; round++) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get((i + round) % names.size());
                long start = THREADS.getCurrentThreadCpuTime();
                sink += cases.get(name).run(operations);
                long cpu = THREADS.getCurrentThreadCpuTime() - start;
                if (round >= warmups) {
                    nanos.add(name, cpu / (double) operations);
                }
            }
        }
        if (sink == Long.MIN_VALUE) {
            System.out.println("unreachable: " + sink);
        }
        return nanos;
    }
}
