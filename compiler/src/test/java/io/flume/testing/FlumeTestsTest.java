package io.flume.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

class FlumeTestsTest {

    private static final Path TESTS = TestFileRunnerTest.TESTS;

    /** The passing test files, run through JUnit the way a project's own tests would run them. */
    @TestFactory
    Stream<DynamicNode> passingFilesRunAsJUnitTests() {
        return FlumeTests.dynamicTests(TESTS.resolve("app"));
    }

    @Test
    void fileBecomesContainerOfCasesWithTheirLines() {
        List<DynamicNode> nodes = FlumeTests.dynamicTests(TestFileRunnerTest.PASSING).toList();

        DynamicContainer container = (DynamicContainer) nodes.get(0);
        List<DynamicTest> cases = container.getChildren().map(DynamicTest.class::cast).toList();
        assertThat(container.getDisplayName()).isEqualTo(TestFileRunnerTest.PASSING.toString());
        assertThat(cases).extracting(DynamicTest::getDisplayName).startsWith(
                "low total goes to the low stream", "premium discount compares by numeric value");
        assertThat(cases.get(1).getTestSourceUri()).hasValueSatisfying(uri -> {
            assertThat(uri.getScheme()).isEqualTo("file");
            assertThat(uri.toString()).endsWith("app/passing.flume-test.yaml?line=16");
        });
    }

    @Test
    void failingCaseFailsWithEveryReason() {
        DynamicContainer container = (DynamicContainer) FlumeTests.dynamicTests(TestFileRunnerTest.FAILING).toList().get(0);
        Executable wrongKey = container.getChildren().map(DynamicTest.class::cast)
                .filter(test -> test.getDisplayName().equals("missing field and wrong key"))
                .findFirst().orElseThrow().getExecutable();

        assertThatThrownBy(wrongKey::execute)
                .isInstanceOf(AssertionError.class)
                .hasMessage(TestFileRunnerTest.FAILING + " › missing field and wrong key:\n"
                        + "  stream orders.low record 1: key expected \"o-9\" but was \"o-1\"\n"
                        + "  stream orders.low record 1: field customer expected {\"name\":\"Contoso\"} but is missing");
    }

    @Test
    void invalidFileIsOneFailingTest() {
        Path file = TestFileRunnerTest.INVALID.resolve("bad-yaml.flume-test.yaml");

        DynamicTest test = (DynamicTest) FlumeTests.dynamicTests(file).toList().get(0);

        assertThat(test.getDisplayName()).isEqualTo("invalid test file " + file);
        assertThatThrownBy(test.getExecutable()::execute)
                .isInstanceOf(AssertionError.class)
                .hasMessage("invalid test file " + file + ":\n" + file
                        + ":4:24: invalid YAML: while parsing a flow mapping; expected ',' or '}', but got <stream end>");
    }

    @Test
    void folderWithoutTestFilesIsRejected() {
        Path folder = Path.of("src/test/resources/schemas");

        assertThatThrownBy(() -> FlumeTests.dynamicTests(folder))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no .flume-test.yaml files found in [" + folder + "]");
    }
}
