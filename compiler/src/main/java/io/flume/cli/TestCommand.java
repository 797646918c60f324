package io.flume.cli;

import io.flume.testing.TestFileRunner;
import io.flume.testing.TestRunResult;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flume test PATH…}: runs declarative test files on Kafka Streams' TopologyTestDriver and
 * prints one line per case, the reasons for each failure, and {@code N passed, N failed}.
 */
@Command(name = "test",
        mixinStandardHelpOptions = true,
        description = {
                "Run declarative test files (*.flume-test.yaml) on Kafka Streams' TopologyTestDriver.",
                "Prints PASS or FAIL with the file and case name for each case, the reasons for each failure, "
                        + "and a last line 'N passed, N failed'; an invalid file counts as one failure.",
                "Exits with 1 when a case failed, and with 2 when a test file is itself invalid."})
final class TestCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private FlumeCommand flume;

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "Test files, or folders to search recursively for *" + TestFileRunner.FILE_SUFFIX + " files.")
    private List<Path> paths;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> files;
        try {
            files = TestFileRunner.discover(paths);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw CommandFailedException.unusable(e.getMessage());
        }
        if (files.isEmpty()) {
            throw CommandFailedException.unusable("no *" + TestFileRunner.FILE_SUFFIX + " files found in "
                    + String.join(", ", paths.stream().map(Path::toString).toList()));
        }

        if (!flume.verbose()) {
            LogLevels.quietRecordFailures();
        }
        TestRunResult result = new TestFileRunner().run(files, out, flume.verbose());
        if (result.hasInvalidFiles()) {
            return ExitCodes.UNUSABLE;
        }
        return result.passed() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
