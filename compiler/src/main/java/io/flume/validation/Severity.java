package io.flume.validation;

/** The seriousness of a validation problem. Errors make a schema invalid, and warnings do not. */
public enum Severity {
    ERROR,
    WARNING
}
