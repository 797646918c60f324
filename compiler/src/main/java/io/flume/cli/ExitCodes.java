package io.flume.cli;

/** The exit codes of the {@code flume} command. */
public final class ExitCodes {

    /** Everything passed. */
    public static final int OK = 0;
    /** Tests failed, or a schema or config has validation errors. */
    public static final int FAILED = 1;
    /**
     * The command could not do its work: bad usage, a file that cannot be read, an unknown
     * component library, a test file that is itself invalid, or an unexpected error.
     */
    public static final int UNUSABLE = 2;

    /** {@code flume diff}: the new schema drops or renames stores or internal topics of the old one. */
    public static final int DROPS_STATE = 3;

    /**
     * {@code flume run --input}: the input was processed, but a connector or channel consumer had
     * records outstanding when the drain timeout passed.
     */
    public static final int DRAIN_TIMEOUT = 4;

    private ExitCodes() {
    }
}
