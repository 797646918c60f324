package io.flume.testing;

import java.io.PrintWriter;

/**
 * Prints test results as the {@code flume test} command shows them: one line per case,
 * {@code PASS FILE › CASE} or {@code FAIL FILE › CASE} followed by each reason, indented, and
 * {@code INVALID FILE} followed by the problems of a file that cannot run.
 */
public final class TestReport {

    /** The separator between a file and a case name. */
    public static final String SEPARATOR = " › ";
    private static final String INDENT = "    ";

    private TestReport() {
    }

    /** Prints one file's results; schema validation warnings are left out. */
    public static void print(FileResult result, PrintWriter out) {
        print(result, out, false);
    }

    /** Prints one file's results, with the schema's validation warnings when {@code withWarnings} is set. */
    public static void print(FileResult result, PrintWriter out, boolean withWarnings) {
        if (!result.isValid()) {
            out.println("INVALID " + result.file());
            result.problems().forEach(problem -> out.println(INDENT + problem));
            return;
        }
        if (withWarnings) {
            result.warnings().forEach(warning -> out.println("WARN " + result.file() + ": " + warning));
        }
        for (CaseResult testCase : result.cases()) {
            out.println((testCase.passed() ? "PASS " : "FAIL ") + result.file() + SEPARATOR + testCase.name());
            testCase.failures().forEach(failure -> out.println(INDENT + failure));
        }
    }
}
