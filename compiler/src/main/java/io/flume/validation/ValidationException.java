package io.flume.validation;

import java.util.Objects;

/**
 * Thrown by {@link Validator#check} for a schema with errors. The message lists every error, one
 * per line, and the report also contains the warnings.
 */
public class ValidationException extends RuntimeException {

    private final ValidationReport report;

    public ValidationException(ValidationReport report) {
        super(Objects.requireNonNull(report, "report").formatErrors());
        this.report = report;
    }

    public ValidationReport report() {
        return report;
    }
}
