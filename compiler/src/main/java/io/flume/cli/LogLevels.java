package io.flume.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Raises log levels for {@code --verbose}: Flume's loggers to DEBUG and Kafka's to INFO. It works
 * when log4j 2 is the logging back-end, as in the runnable jar, and does nothing otherwise.
 */
final class LogLevels {

    static final String FLUME_LOGGERS = "io.flume";
    /** The processors that log records sent to the dead-letter topic and failures of scaffold children. */
    static final String RECORD_FAILURE_LOGGERS = "io.flume.runtime.processors";
    static final String KAFKA_CLIENT_LOGGERS = "org.apache.kafka";
    /**
     * Kafka Streams' state directory, which warns when the state directory lies in the OS's
     * temporary folder, as every TopologyTestDriver's does.
     */
    static final String STATE_DIRECTORY_LOGGER = "org.apache.kafka.streams.processor.internals.StateDirectory";
    /** The embedded broker's server classes, which live outside {@code org.apache.kafka}. */
    static final String KAFKA_SERVER_LOGGERS = "kafka";
    private static final String CONFIGURATOR = "org.apache.logging.log4j.core.config.Configurator";

    private LogLevels() {
    }

    static void raiseForVerbose() {
        if (log4jCorePresent()) {
            Log4j.raise();
        }
    }

    /**
     * Logs only errors of the processors that report failed records, for {@code flume test}:
     * the failures there are the ones the test files provoke, and the test report shows them.
     * The state directory's warning about temporary folders goes too, because each case's test
     * driver keeps its state in one.
     */
    static void quietRecordFailures() {
        if (log4jCorePresent()) {
            Log4j.quietRecordFailures();
        }
    }

    private static boolean log4jCorePresent() {
        try {
            Class.forName(CONFIGURATOR, false, LogLevels.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Loaded only when log4j-core is on the class path, which the compiler module does not require. */
    private static final class Log4j {
        static void raise() {
            Configurator.setLevel(FLUME_LOGGERS, Level.DEBUG);
            Configurator.setLevel(KAFKA_CLIENT_LOGGERS, Level.INFO);
            Configurator.setLevel(KAFKA_SERVER_LOGGERS, Level.INFO);
        }

        static void quietRecordFailures() {
            Configurator.setLevel(RECORD_FAILURE_LOGGERS, Level.ERROR);
            Configurator.setLevel(STATE_DIRECTORY_LOGGER, Level.ERROR);
        }
    }
}
