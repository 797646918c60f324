package io.flume.testing;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs declarative test files, {@code *.flume-test.yaml}, on Kafka Streams'
 * {@code TopologyTestDriver}.
 *
 * <pre>{@code
 * TestRunResult result = new TestFileRunner().run(List.of(Path.of("examples/earthquakes/tests")));
 * System.out.println(result.summary());          // "12 passed, 0 failed"
 * }</pre>
 *
 * <p>A test file names a schema (relative to the file), optionally an application config and a
 * component library, and a list of cases. Each case pipes its inputs into the source topic, on a
 * fresh driver with freshly created components, optionally advances wall-clock time, and compares
 * what every stream and the dead-letter topic received with what it expects:
 *
 * <pre>
 * schema: ../pipeline.yaml
 * config: ../flume.yaml          # optional: source topics, key serde, stream topics, dead-letter topic
 * components: earthquakes        # optional when the config names them
 * cases:
 *   - name: strong quake raises an alert
 *     input:
 *       - key: us1000abc         # also topic, headers, timestamp
 *         value: { properties: { mag: 6.1 } }
 *     advance: 30s
 *     expect:
 *       streams:
 *         alerts:
 *           - key: us1000abc
 *             value: { properties: { severity: strong } }
 *       dead-letter: []
 * </pre>
 *
 * <p>An expected value matches when every field it names is equal: objects recursively, arrays
 * element by element, numbers by value, so that {@code 1500} matches {@code 1500.0}. Records of a
 * stream are matched in order. {@code exact: true} on a case requires equality of whole values,
 * and {@code strict: true} requires that the streams the case does not list (and the
 * dead-letter topic, when the case does not list it) receive nothing. A file that cannot run
 * (unreadable, invalid YAML, unknown keys, a schema that does not validate or compile) gives a
 * {@link FileResult} with problems instead of cases.
 *
 * <p>Instances keep no state between runs.
 */
public final class TestFileRunner {

    /** The suffix that marks declarative test files when a folder is searched. */
    public static final String FILE_SUFFIX = ".flume-test.yaml";

    /**
     * Returns the test files among {@code paths}: each file as given, and every
     * {@code *.flume-test.yaml} under each folder, recursively, in path order.
     *
     * @throws IllegalArgumentException when a path does not exist
     * @throws UncheckedIOException when a folder cannot be listed
     */
    public static List<Path> discover(Collection<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                files.addAll(findUnder(path));
            } else if (Files.exists(path)) {
                files.add(path);
            } else {
                throw new IllegalArgumentException("test path " + path + " not found (working folder: "
                        + Path.of("").toAbsolutePath() + ")");
            }
        }
        return files;
    }

    private static List<Path> findUnder(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(FILE_SUFFIX))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("failed to search " + folder + " for test files: " + e.getMessage(), e);
        }
    }

    /** Runs the test files among {@code paths} (files, or folders searched recursively). */
    public TestRunResult run(Collection<Path> paths) {
        return run(paths, null);
    }

    /**
     * Runs the test files among {@code paths}, printing each file's results to {@code out} as it
     * finishes, and the summary line at the end.
     */
    public TestRunResult run(Collection<Path> paths, PrintWriter out) {
        return run(paths, out, false);
    }

    /**
     * Runs the test files among {@code paths}, printing each file's results to {@code out} as it
     * finishes (with the schema's validation warnings when {@code withWarnings} is set), and the
     * summary line at the end.
     */
    public TestRunResult run(Collection<Path> paths, PrintWriter out, boolean withWarnings) {
        List<FileResult> results = new ArrayList<>();
        for (Path file : discover(paths)) {
            FileResult result = runFile(file);
            results.add(result);
            if (out != null) {
                TestReport.print(result, out, withWarnings);
                out.flush();
            }
        }
        TestRunResult run = new TestRunResult(results);
        if (out != null) {
            out.println(run.summary());
            out.flush();
        }
        return run;
    }

    /** Runs every case of one test file. */
    public FileResult runFile(Path file) {
        PreparedFile<?> prepared;
        try {
            prepared = prepare(file);
        } catch (InvalidTestFileException e) {
            return FileResult.invalid(file, e.problems());
        }
        List<CaseResult> cases = new ArrayList<>();
        for (TestFile.Case testCase : prepared.testFile().cases()) {
            cases.add(CaseRunner.run(prepared, testCase));
        }
        return new FileResult(file, cases, List.of(), prepared.warnings());
    }

    /**
     * Parses and prepares a file, for callers that run its cases one by one.
     *
     * @throws InvalidTestFileException listing why the file cannot run
     */
    static PreparedFile<?> prepare(Path file) {
        TestFile testFile;
        try {
            testFile = TestFileParser.parse(file);
        } catch (NoSuchFileException e) {
            throw new InvalidTestFileException(file.toString(), List.of(file + ": test file not found"));
        } catch (IOException e) {
            throw new InvalidTestFileException(file.toString(), List.of(file + ": failed to read the test file: " + e));
        }
        return TestFilePreparer.prepare(testFile);
    }
}
