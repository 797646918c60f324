package io.flume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flume.api.Channel;
import io.flume.schema.SchemaParser;
import io.flume.validation.ValidationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlumeTest {

    private final Flume<ObjectNode> flume = Flume.builder(ObjectNode.class).build();

    @Test
    void processorsCanBeAddedListedAndRemoved() {
        flume.addProcessor("b", "second", (ctx, value) -> value).addProcessor("a", (ctx, value) -> value);

        assertThat(flume.hasProcessor("a")).isTrue();
        assertThat(flume.listProcessors()).containsExactly("a", "b");
        assertThat(flume.getProcessor("b")).get().extracting(Component::description).isEqualTo("second");
        assertThat(flume.removeProcessor("a")).isTrue();
        assertThat(flume.removeProcessor("a")).isFalse();
        assertThat(flume.hasProcessor("a")).isFalse();
        assertThat(flume.getProcessor("a")).isEmpty();
    }

    @Test
    void everyKindHasAddHasListGetRemove() {
        flume.addPredicate("p", value -> true)
                .addCondition("c", "route by tier", List.of("gold", "silver"), value -> "gold")
                .addReducer("r", (original, results, errors) -> original)
                .addErrorHandler("h", failure -> failure.value())
                .addChannel("ch", Channel.bounded(3));

        assertThat(flume.listPredicates()).containsExactly("p");
        assertThat(flume.listConditions()).containsExactly("c");
        assertThat(flume.conditionValues("c")).containsExactly("gold", "silver");
        assertThat(flume.getCondition("c")).get().extracting(Component::description).isEqualTo("route by tier");
        assertThat(flume.listReducers()).containsExactly("r");
        assertThat(flume.listErrorHandlers()).containsExactly("h");
        assertThat(flume.listChannels()).containsExactly("ch");
        assertThat(flume.getChannel("ch")).get().extracting(Channel::capacity).isEqualTo(3);

        assertThat(flume.removePredicate("p") && flume.removeCondition("c") && flume.removeReducer("r")
                && flume.removeErrorHandler("h") && flume.removeChannel("ch")).isTrue();
        assertThat(flume.hasPredicate("p") || flume.hasCondition("c") || flume.hasReducer("r")
                || flume.hasErrorHandler("h") || flume.hasChannel("ch")).isFalse();
    }

    @Test
    void blankNamesAreRejected() {
        assertThatThrownBy(() -> flume.addProcessor(" ", (ctx, value) -> value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("component name must not be blank");
    }

    @Test
    void defaultClonerDeepCopiesJsonTrees() {
        ObjectNode original = JsonNodeFactory.instance.objectNode();
        original.putObject("nested").put("x", 1);

        ObjectNode copy = flume.cloner().copy(original);
        ((ObjectNode) copy.get("nested")).put("x", 2);

        assertThat(original.at("/nested/x").asInt()).isEqualTo(1);
    }

    @Test
    void serdeRoundTripCopiesOtherTypes() {
        Flume<Map> maps = Flume.builder(Map.class).build();
        Map<?, ?> original = Map.of("a", 1);

        Map<?, ?> copy = maps.cloner().copy(original);

        assertThat(copy).isEqualTo(original).isNotSameAs(original);
    }

    @Test
    void compileRejectsInvalidSchemaWithEveryError() {
        flume.addProcessor("enrich", (ctx, value) -> value);
        var schema = SchemaParser.parse("""
                type: sequence
                children:
                  - ref: enrhc
                  - type: filter
                    predicate: missing
                    then: { ref: enrich }
                """, "pipeline.yaml");

        assertThatThrownBy(() -> flume.compile(schema))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("pipeline.yaml:3:10: root.children[0]: processor 'enrhc' is not registered")
                .hasMessageContaining("pipeline.yaml:5:16: root.children[1]: predicate 'missing' is not registered");
    }

    @Test
    void pipelineRunsValidSchemaInProcess() {
        flume.addProcessor("stamp", (ctx, value) -> value.put("path", ctx.nodePath()));
        var pipeline = flume.pipeline(SchemaParser.parse("ref: stamp"));

        assertThat(pipeline.process(JsonNodeFactory.instance.objectNode()).path("path").asText()).isEqualTo("root");
    }

    @Test
    void channelListenersSeeAddReplaceAndRemove() {
        Flume<ObjectNode> flume = Flume.builder(ObjectNode.class).build();
        List<String> events = new java.util.ArrayList<>();
        Channel<ObjectNode> first = Channel.bounded(1);
        Channel<ObjectNode> second = Channel.bounded(2);
        Flume.ChannelListener<ObjectNode> listener = new Flume.ChannelListener<>() {
            @Override
            public void channelAdded(String name, Channel<ObjectNode> channel) {
                events.add("added " + name + " " + channel.capacity());
            }

            @Override
            public void channelRemoved(String name, Channel<ObjectNode> channel) {
                events.add("removed " + name + " " + channel.capacity());
            }
        };
        flume.addChannelListener(listener);

        flume.addChannel("alerts", first);
        flume.addChannel("alerts", second);
        flume.removeChannel("alerts");
        flume.removeChannel("alerts");
        flume.removeChannelListener(listener);
        flume.addChannel("quiet", first);

        assertThat(events).containsExactly("added alerts 1", "removed alerts 1", "added alerts 2", "removed alerts 2");
    }
}
