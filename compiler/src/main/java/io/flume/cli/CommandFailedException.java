package io.flume.cli;

/**
 * Ends a verb with an exit code and a message for standard error, without a stack trace. The
 * message says what was wrong and what to do.
 */
final class CommandFailedException extends RuntimeException {

    private final int exitCode;

    CommandFailedException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** Creates a failure for bad usage or an unreadable file, exit code {@link ExitCodes#UNUSABLE}. */
    static CommandFailedException unusable(String message) {
        return new CommandFailedException(ExitCodes.UNUSABLE, message);
    }

    int exitCode() {
        return exitCode;
    }
}
