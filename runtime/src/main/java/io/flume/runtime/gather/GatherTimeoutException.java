package io.flume.runtime.gather;

/** The error a reducer receives for a child that had not reported when its gather timed out. */
public final class GatherTimeoutException extends Exception {

    public GatherTimeoutException(String message) {
        super(message);
    }
}
