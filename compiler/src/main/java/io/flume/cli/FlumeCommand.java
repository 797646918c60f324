package io.flume.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code flume} command: validates, describes and tests pipeline schemas.
 *
 * <pre>
 * flume validate pipeline.yaml --components earthquakes
 * flume describe flume.yaml --format mermaid
 * flume test examples/earthquakes/tests
 * flume diff old.yaml new.yaml
 * </pre>
 *
 * <p>Each verb is a class of this package listed in {@code subcommands} below; adding a verb is
 * one class and one entry there. Verbs return their exit code ({@link ExitCodes}): 0 when
 * everything passed, 1 for failed tests or validation errors, 2 for bad usage, files that cannot
 * be read and unexpected errors. A verb ends early with a message by throwing
 * {@link CommandFailedException}.
 */
@Command(name = "flume",
        mixinStandardHelpOptions = true,
        versionProvider = FlumeCommand.Version.class,
        description = "Validates, describes, runs, tests and compares Flume pipeline schemas for Kafka Streams.",
        subcommands = {ValidateCommand.class, DescribeCommand.class, RunCommand.class, TestCommand.class, DemoCommand.class, DiffCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:everything passed",
                "1:tests failed, or a schema or config has validation errors",
                "2:bad usage, a file that cannot be read or is invalid, or an unexpected error",
                "3:diff: the new schema would drop state (1: it needs a restart)"})
public final class FlumeCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    private boolean verbose;

    /** Sets {@code --verbose}, which every verb accepts, before or after its name. */
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print more: stack traces of unexpected errors, validation warnings of test schemas, "
                    + "and logs (Flume at DEBUG, Kafka at INFO).")
    void setVerbose(boolean verbose) {
        this.verbose = verbose;
        if (verbose) {
            LogLevels.raiseForVerbose();
        }
    }

    boolean verbose() {
        return verbose;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: name one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** Runs the command with the process's arguments and exits with its exit code. */
    public static void main(String... args) {
        System.exit(execute(args));
    }

    /** Runs the command, writing to standard output and error, and returns its exit code. */
    public static int execute(String... args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        return execute(out, err, args);
    }

    /** Runs the command with the given output and error writers, and returns its exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        int exitCode = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }

    /**
     * Creates the picocli command line: usage errors exit with 2, {@link CommandFailedException}
     * prints its message and exits with its code, and any other exception prints a one-line
     * message (the stack trace with {@code --verbose}) and exits with 2.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        FlumeCommand root = new FlumeCommand();
        CommandLine commandLine = new CommandLine(root);
        commandLine.setOut(out);
        commandLine.setErr(err);
        setExitCodeOnInvalidInput(commandLine);
        commandLine.setExecutionExceptionHandler((exception, command, parseResult) -> {
            PrintWriter errors = command.getErr();
            if (exception instanceof CommandFailedException failed) {
                errors.println("flume: " + failed.getMessage());
                return failed.exitCode();
            }
            errors.println("flume: unexpected error: " + exception);
            if (root.verbose) {
                exception.printStackTrace(errors);
            } else {
                errors.println("flume: run again with --verbose for the stack trace");
            }
            return ExitCodes.UNUSABLE;
        });
        return commandLine;
    }

    private static void setExitCodeOnInvalidInput(CommandLine commandLine) {
        commandLine.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.UNUSABLE);
        commandLine.getSubcommands().values().forEach(FlumeCommand::setExitCodeOnInvalidInput);
    }

    /** Reads the version from the runnable jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = FlumeCommand.class.getPackage().getImplementationVersion();
            return new String[] {"flume " + (version != null ? version : "(development build)")};
        }
    }
}
