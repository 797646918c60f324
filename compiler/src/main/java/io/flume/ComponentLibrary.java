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
}
