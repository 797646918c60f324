package io.flume.app;

import java.io.IOException;

/** Thrown when an input file cannot be turned into records; the message names the file, the line and the fix. */
public final class InputFileException extends IOException {

    public InputFileException(String message) {
        super(message);
    }
}
