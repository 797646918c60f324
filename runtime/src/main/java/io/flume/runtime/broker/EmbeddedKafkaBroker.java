package io.flume.runtime.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster running inside this JVM: Kafka's own server, started as a
 * {@link KafkaRaftServer} with the combined broker and controller roles, on free ports of
 * 127.0.0.1, with its data in a temporary directory.
 *
 * <p>The broker is configured for one node: every internal topic (consumer offsets, transaction
 * state, share-group state) has a replication factor of 1 and a minimum ISR of 1, so that
 * transactional producers and Kafka Streams' {@code exactly_once_v2} work, and the first consumer
 * group rebalance starts without delay.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
 *     broker.createTopics(Map.of("orders", 3));
 *     producerProps.put("bootstrap.servers", broker.bootstrapServers());
 *     ...
 * }
 * }</pre>
 *
 * <p>Not thread safe: start, restart and stop it from one thread.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final String BROKER_LISTENER = "BROKER";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String HOST = "127.0.0.1";
    private static final int NODE_ID = 1;
    private static final int MAX_PORT_ATTEMPTS = 3;
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final Path dataDir;
    private final boolean deleteDataDirOnClose;
    private final Map<String, String> overrides;
    private final Duration startupTimeout;
    private final boolean fixedPorts;

    private int brokerPort;
    private int controllerPort;
    private KafkaRaftServer server;
    private Admin admin;
    private Duration lastStartupTime = Duration.ZERO;

    private EmbeddedKafkaBroker(Builder builder, Path dataDir, boolean deleteDataDirOnClose) {
        this.dataDir = dataDir;
        this.deleteDataDirOnClose = deleteDataDirOnClose;
        this.overrides = Map.copyOf(builder.properties);
        this.startupTimeout = builder.startupTimeout;
        this.fixedPorts = builder.brokerPort > 0;
        this.brokerPort = builder.brokerPort;
        this.controllerPort = builder.controllerPort;
    }

    /** Starts a broker with the default settings in a new temporary directory. */
    public static EmbeddedKafkaBroker start() {
        return builder().start();
    }

    /** Starts describing a broker: data directory, ports and extra server properties. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the {@code bootstrap.servers} value for clients, such as {@code 127.0.0.1:40123}. */
    public String bootstrapServers() {
        requireRunning();
        return HOST + ":" + brokerPort;
    }

    public int brokerPort() {
        return brokerPort;
    }

    public int controllerPort() {
        return controllerPort;
    }

    /** Returns the directory that contains the broker's log directory. */
    public Path dataDir() {
        return dataDir;
    }

    public boolean isRunning() {
        return server != null;
    }

    /** Returns how long the last start or restart took, from formatting to a ready broker. */
    public Duration startupTime() {
        return lastStartupTime;
    }

    /**
     * Creates every topic of {@code topicPartitions} (name to partition count) that does not exist
     * yet, and waits until each has a leader. Existing topics are left as they are, even when their
     * partition count differs.
     */
    public void createTopics(Map<String, Integer> topicPartitions) {
        requireRunning();
        Topics.createMissing(admin(), topicPartitions, Optional.of((short) 1), ADMIN_TIMEOUT);
    }

    /**
     * Stops the broker and starts it again on the same ports and data, as a broker restart in a
     * real cluster would. Clients reconnect on their own.
     */
    public void restart() {
        requireRunning();
        shutdownServer();
        startServer(false);
    }

    /** Stops the broker. The data directory stays until {@link #close()}. */
    public void stop() {
        if (server == null) {
            return;
        }
        shutdownServer();
        LOG.info("Stopped the embedded Kafka broker on {}:{}", HOST, brokerPort);
    }

    /** Stops the broker and deletes its data directory, unless the builder named the directory. */
    @Override
    public void close() {
        stop();
        if (deleteDataDirOnClose) {
            deleteQuietly(dataDir);
        }
    }

    private Admin admin() {
        if (admin == null) {
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
            props.put(AdminClientConfig.CLIENT_ID_CONFIG, "flume-embedded-broker-admin");
            admin = Admin.create(props);
        }
        return admin;
    }

    private void requireRunning() {
        if (server == null) {
            throw new IllegalStateException("the embedded Kafka broker is not running; call start() or restart() first");
        }
    }

    /**
     * Formats the storage when needed and starts the server. Free ports are picked again after a
     * failed start, because another process can take a port between the pick and the bind.
     */
    private void startServer(boolean pickPorts) {
        long startedAt = System.nanoTime();
        RuntimeException lastFailure = null;
        int attempts = pickPorts && !fixedPorts ? MAX_PORT_ATTEMPTS : 1;

        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (pickPorts && !fixedPorts) {
                int[] ports = freePorts(2);
                brokerPort = ports[0];
                controllerPort = ports[1];
            }
            Path logDir = dataDir.resolve("kraft-logs");
            try {
                Properties props = serverProperties(logDir);
                KafkaConfig config = KafkaConfig.fromProps(props, false);
                formatIfNeeded(logDir);
                KafkaRaftServer candidate = new KafkaRaftServer(config, Time.SYSTEM);
                server = candidate;
                candidate.startup();
                awaitReady();
                lastStartupTime = Duration.ofNanos(System.nanoTime() - startedAt);
                LOG.info("Started the embedded Kafka broker on {} in {} ms (data in {})",
                        bootstrapServers(), lastStartupTime.toMillis(), dataDir);
                return;
            } catch (RuntimeException e) {
                lastFailure = e;
                LOG.warn("Embedded Kafka broker failed to start on ports {} and {} (attempt {} of {}): {}",
                        brokerPort, controllerPort, attempt, attempts, e.toString());
                shutdownServer();
                if (pickPorts && !fixedPorts) {
                    deleteQuietly(logDir);
                }
            }
        }
        throw new EmbeddedBrokerException("failed to start the embedded Kafka broker in " + dataDir
                + " after " + attempts + " attempt(s): " + lastFailure.getMessage(), lastFailure);
    }

    private Properties serverProperties(Path logDir) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", Integer.toString(NODE_ID));
        settings.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        settings.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        settings.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
        settings.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        settings.put("inter.broker.listener.name", BROKER_LISTENER);
        settings.put("controller.listener.names", CONTROLLER_LISTENER);
        settings.put("log.dirs", logDir.toString());
        settings.put("server.max.startup.time.ms", Long.toString(startupTimeout.toMillis()));

        // One node: every replicated topic has one replica, and one in-sync replica is enough
        // for acks=all and for transactions (exactly_once_v2).
        settings.put("default.replication.factor", "1");
        settings.put("min.insync.replicas", "1");
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("share.coordinator.state.topic.replication.factor", "1");
        settings.put("share.coordinator.state.topic.min.isr", "1");

        // A local broker serves one application, so internal topics get one partition and the
        // broker few threads. Kafka's default of 50 offsets partitions slows the first group down.
        settings.put("offsets.topic.num.partitions", "1");
        settings.put("transaction.state.log.num.partitions", "1");
        settings.put("num.partitions", "1");
        settings.put("num.network.threads", "2");
        settings.put("num.io.threads", "2");
        settings.put("background.threads", "2");
        settings.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 * 1024 * 1024));
        settings.put("group.initial.rebalance.delay.ms", "0");

        settings.putAll(overrides);
        Properties props = new Properties();
        props.putAll(settings);
        return props;
    }

    private void formatIfNeeded(Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logDir.toString())
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .addDirectory(logDir.toString())
                    .run();
        } catch (Exception e) {
            throw new EmbeddedBrokerException("failed to format the embedded Kafka broker's storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until the broker responds to a metadata request. {@link KafkaRaftServer#startup()} returns
     * once the broker is unfenced, so this normally succeeds on the first call.
     */
    private void awaitReady() {
        try {
            admin().describeCluster().nodes().get(startupTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedBrokerException("interrupted while waiting for the embedded Kafka broker to start", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new EmbeddedBrokerException("the embedded Kafka broker on " + HOST + ":" + brokerPort
                    + " did not answer within " + startupTimeout.toMillis() + " ms", e);
        }
    }

    private void shutdownServer() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
        KafkaRaftServer running = server;
        server = null;
        if (running == null) {
            return;
        }
        try {
            running.shutdown();
            running.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Embedded Kafka broker on port {} failed to shut down cleanly: {}", brokerPort, e.toString());
        }
    }

    /** Picks {@code count} distinct free ports on 127.0.0.1 by binding to port 0. */
    static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                socket.setReuseAddress(true);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("failed to find a free port on " + HOST, e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // The port is released either way; nothing else to do.
                }
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            LOG.warn("Failed to delete the embedded Kafka broker's directory {}: {}", dir, e.toString());
        }
    }

    /** Options of an embedded broker. */
    public static final class Builder {
        private Path dataDir;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Duration startupTimeout = Duration.ofSeconds(60);
        private int brokerPort;
        private int controllerPort;

        private Builder() {
        }

        /**
         * Keeps the broker's data in {@code dir} instead of a new temporary directory. The
         * directory is formatted on first use, reused when it already contains a formatted broker,
         * and not deleted on {@link EmbeddedKafkaBroker#close()}.
         */
        public Builder dataDir(Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Sets a server property, overriding the embedded broker's own value for it. */
        public Builder property(String name, String value) {
            properties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets several server properties; see {@link #property(String, String)}. */
        public Builder properties(Map<String, String> values) {
            values.forEach(this::property);
            return this;
        }

        /** Uses fixed ports instead of free ones, for a data directory reused across runs. */
        public Builder ports(int brokerPort, int controllerPort) {
            if (brokerPort < 1 || controllerPort < 1 || brokerPort == controllerPort) {
                throw new IllegalArgumentException("broker and controller ports must be two different positive numbers, got "
                        + brokerPort + " and " + controllerPort);
            }
            this.brokerPort = brokerPort;
            this.controllerPort = controllerPort;
            return this;
        }

        /** Bounds how long a start may take before it fails; 60 seconds by default. */
        public Builder startupTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startup timeout must be positive, got " + timeout);
            }
            this.startupTimeout = timeout;
            return this;
        }

        /** Formats the storage when needed and starts the broker; returns once it accepts clients. */
        public EmbeddedKafkaBroker start() {
            boolean temporary = dataDir == null;
            Path dir;
            try {
                dir = temporary ? Files.createTempDirectory("flume-kafka-") : Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("failed to create the embedded Kafka broker's data directory", e);
            }
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(this, dir, temporary);
            try {
                broker.startServer(true);
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
            return broker;
        }
    }

    /** Thrown when the embedded broker cannot format its storage or start. */
    public static final class EmbeddedBrokerException extends KafkaException {
        public EmbeddedBrokerException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
