package io.flume.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.Binding;
import io.flume.ComponentKind;
import io.flume.Flume;
import io.flume.compiler.CompileOptions;
import io.flume.events.FlumeEvent.BuildCompleted;
import io.flume.events.FlumeEvent.BuildFailed;
import io.flume.events.FlumeEvent.BuildStarted;
import io.flume.events.FlumeEvent.ComponentRegistered;
import io.flume.events.FlumeEvent.ComponentRemoved;
import io.flume.events.FlumeEvent.FileFailed;
import io.flume.events.FlumeEvent.FileLoaded;
import io.flume.events.FlumeEvent.ParseFailed;
import io.flume.events.FlumeEvent.SchemaRegistered;
import io.flume.events.FlumeEvent.SchemaRemoved;
import io.flume.events.FlumeEvent.SchemaUpdated;
import io.flume.events.FlumeEvent.ValidationCompleted;
import io.flume.events.FlumeEvent.ValidationFailed;
import io.flume.events.FlumeEvent.ValidationStarted;
import io.flume.schema.SchemaParseException;
import io.flume.schema.SchemaParser;
import io.flume.validation.ValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle events a registry sends its listeners, and named schemas with their bindings. */
class FlumeEventsTest {

    private static final String TAG_A = "ref: tag-a";
    private static final String TAG_B = "ref: tag-b";

    private final List<FlumeEvent> events = new CopyOnWriteArrayList<>();

    private Flume<ObjectNode> flume() {
        return Flume.builder(ObjectNode.class)
                .listener(events::add)
                .processor("tag-a", (context, value) -> value.put("tag", "a"))
                .processor("tag-b", (context, value) -> value.put("tag", "b"))
                .build();
    }

    @Test
    void listenersReceiveSignalsInOrder(@TempDir Path folder) throws IOException {
        Flume<ObjectNode> flume = flume();
        flume.addProcessor("extra", (context, value) -> value);
        flume.removeProcessor("extra");
        flume.setSchema("orders", SchemaParser.parse(TAG_A));
        flume.setSchema("orders", SchemaParser.parse(TAG_B));
        assertThatThrownBy(() -> flume.setSchema("orders", SchemaParser.parse("ref: missing")))
                .isInstanceOf(ValidationException.class);
        flume.removeSchema("orders");
        Path file = Files.writeString(folder.resolve("pipeline.yaml"), TAG_A + "\n");
        flume.loadSchema("from-file", file);
        Path broken = Files.writeString(folder.resolve("broken.yaml"), "type: sequence\nchildren: [\n");
        assertThatThrownBy(() -> flume.parseSchema(broken)).isInstanceOf(SchemaParseException.class);
        assertThatThrownBy(() -> flume.parseSchema(folder.resolve("absent.yaml"))).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> flume.compileValidated(SchemaParser.parse("ref: missing"), CompileOptions.defaults()))
                .isInstanceOf(RuntimeException.class);

        assertThat(events).extracting(event -> event.getClass().getSimpleName()).containsExactly(
                "ComponentRegistered", "ComponentRegistered", "ComponentRegistered", "ComponentRemoved",
                "ValidationStarted", "ValidationCompleted", "BuildStarted", "BuildCompleted", "SchemaRegistered",
                "ValidationStarted", "ValidationCompleted", "BuildStarted", "BuildCompleted", "SchemaUpdated",
                "ValidationStarted", "ValidationFailed",
                "SchemaRemoved",
                "FileLoaded", "ValidationStarted", "ValidationCompleted", "BuildStarted", "BuildCompleted", "SchemaRegistered",
                "ParseFailed",
                "FileFailed",
                "BuildStarted", "BuildFailed");
        assertThat(events.get(0)).isEqualTo(new ComponentRegistered(events.get(0).time(), ComponentKind.PROCESSOR, "tag-a"));
        assertThat(events.get(3)).isEqualTo(new ComponentRemoved(events.get(3).time(), ComponentKind.PROCESSOR, "extra"));
        assertThat(((ValidationStarted) events.get(4)).schema()).isEqualTo("orders");
        assertThat(((ValidationCompleted) events.get(5)).warningCount()).isZero();
        assertThat(((BuildStarted) events.get(6)).schema()).isEqualTo("orders");
        assertThat(((BuildCompleted) events.get(7)).duration()).isPositive();
        assertThat(events.get(8)).isEqualTo(new SchemaRegistered(events.get(8).time(), "orders", 1));
        assertThat(events.get(13)).isEqualTo(new SchemaUpdated(events.get(13).time(), "orders", 1, 2));
        ValidationFailed failed = (ValidationFailed) events.get(15);
        assertThat(failed.errorCount()).isEqualTo(1);
        assertThat(failed.error()).contains("missing");
        assertThat(events.get(16)).isEqualTo(new SchemaRemoved(events.get(16).time(), "orders", 2));
        FileLoaded loaded = (FileLoaded) events.get(17);
        assertThat(loaded.path()).isEqualTo(file.toString());
        assertThat(loaded.size()).isEqualTo(Files.size(file));
        assertThat(((ParseFailed) events.get(23)).error()).contains("broken.yaml:");
        assertThat(((FileFailed) events.get(24)).path()).endsWith("absent.yaml");
        assertThat(((BuildFailed) events.get(26)).error()).contains("missing");
    }

    @Test
    void throwingListenerIsCounted() {
        Flume<ObjectNode> flume = flume();
        flume.addListener(event -> {
            throw new IllegalStateException("listener bug");
        });
        List<FlumeEvent> after = new CopyOnWriteArrayList<>();
        flume.addListener(after::add);

        flume.addProcessor("extra", (context, value) -> value);
        flume.removeProcessor("extra");

        assertThat(flume.hasProcessor("extra")).isFalse();
        assertThat(after).hasSize(2);
        assertThat(flume.listenerFailures()).isEqualTo(2);
    }

    @Test
    void bindingFollowsNewVersion() {
        Flume<ObjectNode> flume = flume();
        Binding<ObjectNode> binding = flume.bind("orders");

        assertThatThrownBy(() -> binding.process(order())).hasMessageContaining("setSchema(\"orders\"");
        flume.setSchema("orders", SchemaParser.parse(TAG_A));
        assertThat(binding.process(order()).path("tag").asText()).isEqualTo("a");
        flume.setSchema("orders", SchemaParser.parse(TAG_B));

        assertThat(binding.version()).isEqualTo(2);
        assertThat(binding.process(order()).path("tag").asText()).isEqualTo("b");
        assertThat(flume.listSchemas()).containsExactly("orders");
        assertThat(flume.getSchema("orders").orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void invalidSchemaKeepsTheRegisteredVersion() {
        Flume<ObjectNode> flume = flume();
        flume.setSchema("orders", SchemaParser.parse(TAG_A));

        assertThatThrownBy(() -> flume.setSchema("orders", SchemaParser.parse("ref: missing")))
                .isInstanceOf(ValidationException.class);

        assertThat(flume.getSchema("orders").orElseThrow().version()).isEqualTo(1);
        assertThat(flume.bind("orders").process(order()).path("tag").asText()).isEqualTo("a");
    }

    private static ObjectNode order() {
        return JsonNodeFactory.instance.objectNode().put("id", 1);
    }
}
