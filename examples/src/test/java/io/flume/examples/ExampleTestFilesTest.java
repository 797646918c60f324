package io.flume.examples;

import io.flume.testing.FlumeTests;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Runs the examples' declarative test files, one JUnit test per case. */
class ExampleTestFilesTest {

    @TestFactory
    Stream<DynamicNode> earthquakes() {
        return FlumeTests.dynamicTests(Path.of("earthquakes/tests"));
    }

    @TestFactory
    Stream<DynamicNode> orders() {
        return FlumeTests.dynamicTests(Path.of("orders/tests"));
    }
}
