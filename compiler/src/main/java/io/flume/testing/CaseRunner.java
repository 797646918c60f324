package io.flume.testing;

import io.flume.compiler.CompiledTopology;
import io.flume.runtime.testing.DeadLetter;
import io.flume.runtime.testing.FlumeTestDriver;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs one case of a prepared test file on a fresh {@link FlumeTestDriver}: pipes the inputs in
 * order, advances wall-clock time, reads every stream and the dead-letter topic, and checks them
 * against the case's expectations.
 */
final class CaseRunner {

    /**
     * The maximum length of one step of an {@code advance} in a topology without wall-clock
     * punctuators: there is nothing to fire, so an advance is one step. With punctuators the
     * step is the shortest punctuation interval ({@link CompiledTopology#punctuationInterval()}),
     * so that every punctuation that falls due within the advance fires, in order.
     */
    static final Duration ADVANCE_STEP_BOUND = ChronoUnit.FOREVER.getDuration();

    private CaseRunner() {
    }

    static <T> CaseResult run(PreparedFile<T> prepared, TestFile.Case testCase) {
        TestFile testFile = prepared.testFile();
        int line = testCase.position().line();
        CompiledTopology<T> compiled;
        try {
            compiled = prepared.compileFresh();
        } catch (RuntimeException e) {
            return new CaseResult(testFile.file(), testCase.name(), line, List.of("the schema failed to compile: " + e));
        }

        try (FlumeTestDriver<T> driver = compiled.testDriver()) {
            String pipeFailure = pipe(driver, prepared.inputs(testCase), compiled.longestPath());
            if (pipeFailure != null) {
                return new CaseResult(testFile.file(), testCase.name(), line, List.of(pipeFailure));
            }
            if (testCase.advance() != null) {
                advance(testCase.advance(), compiled.punctuationInterval().orElse(ADVANCE_STEP_BOUND), driver::advanceWallClockTime);
            }
            List<String> failures = Expectations.check(testCase, readStreams(driver, compiled, prepared.codec()),
                    readDeadLetters(driver, prepared.codec()));
            return new CaseResult(testFile.file(), testCase.name(), line, failures);
        } catch (RuntimeException e) {
            return new CaseResult(testFile.file(), testCase.name(), line, List.of("the topology failed: " + describe(e)));
        }
    }

    /** Pipes every input; returns why processing failed, or null when it did not. */
    private static <T> String pipe(FlumeTestDriver<T> driver, List<PreparedFile.PipedRecord<T>> inputs, int longestPath) {
        for (int i = 0; i < inputs.size(); i++) {
            PreparedFile.PipedRecord<T> input = inputs.get(i);
            try {
                driver.pipe(input.topic(), input.key(), input.value(), input.headers(), input.timestamp());
            } catch (RuntimeException e) {
                return "input " + (i + 1) + " (line " + input.line() + ") stopped the topology: " + describe(e);
            } catch (StackOverflowError e) {
                return "input " + (i + 1) + " (line " + input.line() + ") overflowed the thread's stack: the topology's longest"
                        + " path has " + longestPath + " nodes, which Kafka Streams runs as nested calls; run with a larger stack,"
                        + " such as -Xss4m in JAVA_TOOL_OPTIONS, or shorten the longest sequence";
            }
        }
        return null;
    }

    /**
     * Moves wall-clock time forward by {@code total} in steps no longer than {@code stepBound},
     * handing each step to {@code step}. The loop runs {@code total / stepBound} times, rounded up.
     */
    static void advance(Duration total, Duration stepBound, Consumer<Duration> step) {
        if (stepBound.isNegative() || stepBound.isZero()) {
            throw new IllegalArgumentException("the step bound must be positive, got " + stepBound);
        }
        Duration remaining = total;
        while (remaining.compareTo(Duration.ZERO) > 0) {
            Duration next = remaining.compareTo(stepBound) < 0 ? remaining : stepBound;
            step.accept(next);
            remaining = remaining.minus(next);
        }
    }

    // NOTE: two streams that the config maps to one topic share that topic's records: the first
    // stream read gets them all and the second reads none.
    private static <T> Map<String, List<Expectations.Received>> readStreams(FlumeTestDriver<T> driver,
                                                                            CompiledTopology<T> compiled,
                                                                            RecordCodec<T> codec) {
        Map<String, List<Expectations.Received>> streams = new LinkedHashMap<>();
        for (String stream : compiled.streamTopics().keySet()) {
            List<Expectations.Received> records = new ArrayList<>();
            for (TestRecord<Object, T> record : driver.readStream(stream)) {
                records.add(new Expectations.Received(RecordCodec.keyToJson(record.key()), codec.toJson(record.value())));
            }
            streams.put(stream, records);
        }
        return streams;
    }

    private static List<Expectations.ReceivedDeadLetter> readDeadLetters(FlumeTestDriver<?> driver, RecordCodec<?> codec) {
        List<Expectations.ReceivedDeadLetter> records = new ArrayList<>();
        for (DeadLetter deadLetter : driver.readDeadLetters()) {
            records.add(new Expectations.ReceivedDeadLetter(RecordCodec.keyToJson(deadLetter.key()),
                    codec.bytesToJson(deadLetter.value()), deadLetter.errorMessage(), deadLetter.errorNode()));
        }
        return records;
    }

    /** Describes an exception with its causes, which carry the processor's own message. */
    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(error.toString());
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }
}
