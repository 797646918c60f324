package io.flume.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs declarative test files from JUnit: one dynamic container per file and one dynamic test
 * per case, each linked to its line in the file.
 *
 * <pre>{@code
 * class ExampleFlumeTests {
 *     @TestFactory
 *     Stream<DynamicNode> testFiles() {
 *         return FlumeTests.dynamicTests(Path.of("earthquakes/tests"), Path.of("orders/tests"));
 *     }
 * }
 * }</pre>
 *
 * <p>Paths are files or folders (searched recursively for {@code *.flume-test.yaml}), relative to
 * the working folder, which Maven Surefire sets to the module's folder. A failing case fails its
 * test with every reason; a file that cannot run gives one failing test listing its problems.
 * This class needs {@code junit-jupiter-api} on the class path, which {@code flume-compiler}
 * declares as an optional dependency.
 */
public final class FlumeTests {

    private FlumeTests() {
    }

    /**
     * Returns a container of tests for each test file among {@code paths}.
     *
     * @throws IllegalArgumentException when a path does not exist or no test file is found
     */
    public static Stream<DynamicNode> dynamicTests(Path... paths) {
        List<Path> files = TestFileRunner.discover(List.of(paths));
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no " + TestFileRunner.FILE_SUFFIX + " files found in " + List.of(paths));
        }
        return files.stream().map(FlumeTests::container);
    }

    private static DynamicNode container(Path file) {
        PreparedFile<?> prepared;
        try {
            prepared = TestFileRunner.prepare(file);
        } catch (InvalidTestFileException e) {
            String problems = String.join("\n", e.problems());
            return DynamicTest.dynamicTest("invalid test file " + file, source(file, 1), () -> {
                throw new AssertionError("invalid test file " + file + ":\n" + problems);
            });
        }
        Stream<DynamicNode> cases = prepared.testFile().cases().stream()
                .map(testCase -> DynamicTest.dynamicTest(testCase.name(), source(file, testCase.position().line()),
                        () -> check(CaseRunner.run(prepared, testCase))));
        return DynamicContainer.dynamicContainer(file.toString(), source(file, 1), cases);
    }

    private static void check(CaseResult result) {
        if (!result.passed()) {
            throw new AssertionError(result.file() + TestReport.SEPARATOR + result.name() + ":\n  "
                    + String.join("\n  ", result.failures()));
        }
    }

    /** Returns a file URI with the line, which IDEs and JUnit's reports use to link the test to the file. */
    private static URI source(Path file, int line) {
        return URI.create(file.toAbsolutePath().normalize().toUri() + "?line=" + line);
    }
}
