package io.flume.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flume.api.Channel;
import io.flume.api.OverflowPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AppConfigTest {

    private static AppConfig.Builder minimal() {
        return AppConfig.builder("quake-alerts").source(SourceConfig.of("earthquakes"));
    }

    @Test
    void defaultsApplyWhenUnset() {
        AppConfig config = minimal().build();

        assertThat(config.source().keySerde()).isEqualTo(KeySerde.STRING);
        assertThat(config.source().valueSerde()).isEqualTo(ValueSerde.JSON);
        assertThat(config.errors().onUnhandled()).isEqualTo(OnUnhandled.DEAD_LETTER);
        assertThat(config.topicPartitions()).isEqualTo(1);
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.schema()).isEmpty();
        assertThat(config.components()).isEmpty();
        assertThat(config.channels()).isEmpty();
    }

    @Test
    void deadLetterTopicDefaultsToApplicationId() {
        assertThat(minimal().build().deadLetterTopic()).isEqualTo("quake-alerts.dead-letter");

        AppConfig named = minimal().errors(new ErrorsConfig("quake.dead-letter", OnUnhandled.LOG)).build();
        assertThat(named.deadLetterTopic()).isEqualTo("quake.dead-letter");
        assertThat(named.errors().onUnhandled()).isEqualTo(OnUnhandled.LOG);
    }

    @Test
    void embeddedBrokerWithoutBootstrapServers() {
        AppConfig embedded = minimal().build();
        assertThat(embedded.usesEmbeddedBroker()).isTrue();
        assertThat(embedded.shouldCreateTopics()).isTrue();

        AppConfig external = minimal().kafka("bootstrap.servers", "127.0.0.1:9092").build();
        assertThat(external.usesEmbeddedBroker()).isFalse();
        assertThat(external.shouldCreateTopics()).isFalse();
        assertThat(external.bootstrapServers()).contains("127.0.0.1:9092");

        AppConfig forced = minimal().kafka("bootstrap.servers", "127.0.0.1:9092").createTopics(true).build();
        assertThat(forced.shouldCreateTopics()).isTrue();
    }

    @Test
    void streamTopicFallsBackToStreamName() {
        AppConfig config = minimal()
                .topicPartitions(3)
                .stream("alerts", new StreamConfig("quake.alerts", 6, null, null))
                .stream("audit", StreamConfig.toTopic("quake.audit"))
                .build();

        assertThat(config.streamTopic("alerts")).isEqualTo("quake.alerts");
        assertThat(config.streamTopic("unmapped")).isEqualTo("unmapped");
        assertThat(config.streamPartitions("alerts")).isEqualTo(6);
        assertThat(config.streamPartitions("audit")).isEqualTo(3);
        assertThat(config.streamPartitions("unmapped")).isEqualTo(3);
    }

    @Test
    void channelGroupIdNamesApplicationAndChannel() {
        assertThat(minimal().build().channelGroupId("orders")).isEqualTo("quake-alerts.channel.orders");
    }

    @Test
    void channelConfigCreatesChannel() {
        Channel<String> channel = new ChannelConfig(7, false, OverflowPolicy.DROP_OLDEST).create();

        assertThat(channel.capacity()).isEqualTo(7);
        assertThat(channel.isDirect()).isFalse();
        assertThat(channel.overflowPolicy()).isEqualTo(OverflowPolicy.DROP_OLDEST);
    }

    @Test
    void illegalNamesAreRejected() {
        assertThatThrownBy(() -> AppConfig.builder("quake alerts"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("application-id")
                .hasMessageContaining("'quake alerts'");
        assertThatThrownBy(() -> SourceConfig.of("in/put"))
                .hasMessageContaining("source.topics")
                .hasMessageContaining("'in/put'");
        assertThatThrownBy(() -> AppConfig.builder("app").build())
                .hasMessageContaining("source.topics is missing");
    }

    @Test
    void configWordsRoundTrip() {
        assertThat(ConfigWord.of(OverflowPolicy.DROP_OLDEST)).isEqualTo("drop-oldest");
        assertThat(ConfigWord.parse(OnUnhandled.class, "dead-letter")).contains(OnUnhandled.DEAD_LETTER);
        assertThat(ConfigWord.parse(OnUnhandled.class, "DEAD_LETTER")).contains(OnUnhandled.DEAD_LETTER);
        assertThat(ConfigWord.parse(OnUnhandled.class, "explode")).isEmpty();
        assertThat(ConfigWord.all(KeySerde.class)).containsExactly("string", "bytes", "long", "integer", "uuid");
    }
}
