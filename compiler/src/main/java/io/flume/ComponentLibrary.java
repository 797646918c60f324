package io.flume;

/**
 * A set of components that schemas can refer to, packaged as a class. The {@code flume} command
 * and declarative tests find a library by its short {@link #name()} through
 * {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/io.flume.ComponentLibrary}) or by its class name.
 *
 * <pre>{@code
 * public final class QuakeComponents implements ComponentLibrary {
 *     public String name() { return "earthquakes"; }
 *     public Flume<ObjectNode> create() {
 *         return Flume.builder(ObjectNode.class)
 *                 .processor("enrich", (ctx, quake) -> ...)
 *                 .build();
 *     }
 * }
 * }</pre>
 */
public interface ComponentLibrary {

    /** Returns the short name that {@code --components} and test files use, such as {@code orders}. */
    String name();

    /** Returns one line saying what the library is for. */
    default String description() {
        return "";
    }

    /** Creates a fresh registry with every component of the library registered. */
    Flume<?> create();

    /**
     * Starts what the library runs beside the pipeline, such as worker threads that take from
     * its channels, once the application runs ({@code flume run} and
     * {@code FlumeApplication.start}). The returned handle is closed at shutdown after the channel
     * bridges have stopped fetching and Kafka Streams has closed, and before the bridges commit,
     * so it can drain the channels within the shutdown grace period; null means nothing to close.
     * Does nothing by default. An exception stops the application before {@code start} returns.
     *
     * @param application the running application, whose {@link RunningApplication#flume()} is the
     *     registry this library's {@link #create()} returned
     */
    default AutoCloseable start(RunningApplication application) {
        return () -> { };
    }
}
