package io.flume.connectors.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * A redis-server process of the test's own on a free port of 127.0.0.1, for tests that run
 * server-wide commands such as SCRIPT FLUSH, which would disturb other users of the shared server.
 */
public final class PrivateRedis implements AutoCloseable {

    private final Process process;
    private final Path folder;
    private final int port;

    private PrivateRedis(Process process, Path folder, int port) {
        this.process = process;
        this.folder = folder;
        this.port = port;
    }

    /** Starts redis-server (which must be on the PATH) and waits at most 10 s for it to reply to PING. */
    public static PrivateRedis start() throws IOException, InterruptedException {
        int port = TcpProxy.freePort();
        Path folder = Files.createTempDirectory("flume-redis-");
        Process process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", folder.toString())
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("redis.log").toFile())
                .start();
        PrivateRedis redis = new PrivateRedis(process, folder, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Jedis jedis = new Jedis("127.0.0.1", port)) {
                jedis.ping();
                return redis;
            } catch (JedisConnectionException e) {
                Thread.sleep(50);
            }
        }
        redis.close();
        throw new IOException("redis-server did not reply to PING on 127.0.0.1:" + port + " within 10 s; see "
                + folder.resolve("redis.log"));
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        process.waitFor();
        Files.deleteIfExists(folder.resolve("redis.log"));
        Files.deleteIfExists(folder);
    }
}
