package io.flume.app;

import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * The outcome of {@link FlumeApplication#produce}: how many records of an input file Kafka
 * acknowledged, and each record that could not be produced.
 *
 * @param file the input file
 * @param topic the topic the records were produced to
 * @param produced how many records Kafka acknowledged
 * @param failures the records that could not be produced, in file order
 */
public record ProduceResult(Path file, String topic, long produced, List<Failure> failures) {

    public ProduceResult {
        failures = List.copyOf(failures);
    }

    /** Returns how many records the file contained: the produced and the failed ones. */
    public long read() {
        return produced + failures.size();
    }

    /** Returns true when every record of the file was produced. */
    public boolean complete() {
        return failures.isEmpty();
    }

    /**
     * One record that could not be produced.
     *
     * @param line the file's line where the record starts (1-based)
     * @param bytes the size of the record's value in bytes
     * @param exception the producer's exception
     */
    public record Failure(int line, int bytes, Exception exception) {

        /** Returns a one-line message with the file, line, size, the producer's error and what to do. */
        public String message(Path file, String topic) {
            return file + ":" + line + ": the record of " + bytes + " bytes could not be produced to topic " + topic + ": "
                    + exception.getClass().getSimpleName() + ": " + exception.getMessage() + "; " + advice();
        }

        private String advice() {
            if (exception instanceof RecordTooLargeException) {
                return "raise producer.max.request.size in the config's kafka section above the record's size, and make"
                        + " sure the broker's message.max.bytes (or the topic's max.message.bytes) allows it too";
            }
            return "check that the broker is reachable and accepts writes to the topic, then produce the record again";
        }
    }
}
