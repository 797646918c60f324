package io.flume.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.flume.config.ConfigLoader;
import io.flume.connectors.Connectors;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.ConnectorConfig;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Checks {@code orders/flume-integrations.yaml}: the application of {@code flume.yaml} plus a
 * {@code connectors:} section, whose settings are valid and whose {@code ${ENV}} references fall
 * back to the defaults for a local RabbitMQ and Redis.
 */
class OrderIntegrationsConfigTest {

    private static final Path EXAMPLE = Path.of("orders");

    @Test
    void equalsFlumeYamlWithoutConnectors() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode plain = yaml.readTree(EXAMPLE.resolve("flume.yaml").toFile());
        ObjectNode integrations = (ObjectNode) yaml.readTree(EXAMPLE.resolve("flume-integrations.yaml").toFile());

        assertThat(plain.has("connectors")).as("flume.yaml runs without RabbitMQ and Redis").isFalse();
        assertThat(integrations.remove("connectors")).as("the connectors section").isNotNull();
        assertThat(integrations).as("flume-integrations.yaml without its connectors section").isEqualTo(plain);
    }

    @Test
    void connectorsUseLocalDefaults() {
        AppConfig config = ConfigLoader.load(EXAMPLE.resolve("flume-integrations.yaml"), Map.of());

        Connectors.check(config);
        assertThat(config.connectors()).extracting(ConnectorConfig::name, ConnectorConfig::stream, ConnectorConfig::type)
                .containsExactly(
                        Tuple.tuple("high-to-order-desk", "orders.high", "rabbitmq"),
                        Tuple.tuple("analytics-to-dashboards", "analytics", "redis-stream"));
        Map<String, Object> rabbit = config.connectors().get(0).settings();
        assertThat(rabbit).containsEntry("uri", "amqp://guest:guest@127.0.0.1:5672/%2F")
                .containsEntry("exchange", "orders")
                .containsEntry("declare-exchange", "topic");
        Map<String, Object> redis = config.connectors().get(1).settings();
        assertThat(redis).containsEntry("uri", "redis://127.0.0.1:6379")
                .containsEntry("stream-key", "orders.analytics");
    }

    @Test
    void environmentOverridesDefaults() {
        Map<String, String> environment = Map.of(
                "RABBITMQ_URI", "amqp://desk:secret@rabbit.internal:5672/shop",
                "ORDERS_EXCHANGE", "shop.orders",
                "REDIS_URI", "redis://redis.internal:6380/2",
                "ANALYTICS_STREAM_KEY", "shop:analytics");

        AppConfig config = ConfigLoader.load(EXAMPLE.resolve("flume-integrations.yaml"), environment);

        assertThat(config.connectors().get(0).settings())
                .containsEntry("uri", "amqp://desk:secret@rabbit.internal:5672/shop")
                .containsEntry("exchange", "shop.orders");
        assertThat(config.connectors().get(1).settings())
                .containsEntry("uri", "redis://redis.internal:6380/2")
                .containsEntry("stream-key", "shop:analytics");
    }
}
