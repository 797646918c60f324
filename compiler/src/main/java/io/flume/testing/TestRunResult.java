package io.flume.testing;

import java.util.List;

/**
 * The outcome of running declarative test files, one {@link FileResult} per file in the order
 * they ran.
 */
public record TestRunResult(List<FileResult> files) {

    public TestRunResult {
        files = List.copyOf(files);
    }

    public long passedCount() {
        return files.stream().mapToLong(FileResult::passedCount).sum();
    }

    /** Returns the number of failed cases, plus one for each invalid file, whose cases did not run. */
    public long failedCount() {
        return files.stream().mapToLong(file -> file.isValid() ? file.failedCount() : 1).sum();
    }

    public boolean hasInvalidFiles() {
        return files.stream().anyMatch(file -> !file.isValid());
    }

    /** Returns true when every file was valid and every case passed. */
    public boolean passed() {
        return failedCount() == 0;
    }

    /** Returns the closing line of a run, {@code N passed, N failed}. */
    public String summary() {
        return passedCount() + " passed, " + failedCount() + " failed";
    }
}
