package io.flume.app;

import io.flume.diff.SchemaDiff;

/**
 * The outcome of a {@link FlumeApplication#reload}.
 *
 * @param outcome what happened to the running application
 * @param diff the differences and the verdict; null when the new schema was invalid
 * @param message one line for the log, or the reasons for a refusal
 */
public record ReloadResult(Outcome outcome, SchemaDiff diff, String message) {

    /** The effect on the running application. */
    public enum Outcome {
        /** The new schema does not differ. */
        UNCHANGED,
        /** The running processors took the new parameters, without a restart. */
        APPLIED_LIVE,
        /** Kafka Streams restarted with the new topology. */
        RESTARTED,
        /** The new schema would drop state and the check was not overridden; the old topology runs on. */
        REFUSED,
        /** The new schema has errors; the old one runs on. */
        INVALID
    }

    static ReloadResult invalid(String message) {
        return new ReloadResult(Outcome.INVALID, null, message);
    }

    /** Returns true when the application now runs the new schema. */
    public boolean applied() {
        return outcome == Outcome.APPLIED_LIVE || outcome == Outcome.RESTARTED || outcome == Outcome.UNCHANGED;
    }
}
