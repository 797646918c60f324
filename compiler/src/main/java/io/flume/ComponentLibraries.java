package io.flume;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * Finds component libraries by short name, through {@link ServiceLoader}, or by class name.
 */
public final class ComponentLibraries {

    private ComponentLibraries() {
    }

    /** Returns every library that {@link ServiceLoader} finds on the class path. */
    public static List<ComponentLibrary> available() {
        return available(Thread.currentThread().getContextClassLoader());
    }

    public static List<ComponentLibrary> available(ClassLoader loader) {
        List<ComponentLibrary> libraries = new ArrayList<>();
        ServiceLoader.load(ComponentLibrary.class, loader).forEach(libraries::add);
        return libraries;
    }

    /**
     * Finds a library by its short name, else loads {@code nameOrClass} as the class name of a
     * {@link ComponentLibrary} with a public no-argument constructor.
     *
     * @throws IllegalArgumentException naming the known libraries when none matches
     */
    public static ComponentLibrary find(String nameOrClass) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<ComponentLibrary> libraries = available(loader);
        for (ComponentLibrary library : libraries) {
            if (library.name().equals(nameOrClass) || library.getClass().getName().equals(nameOrClass)) {
                return library;
            }
        }
        return instantiate(nameOrClass, loader, libraries);
    }

    private static ComponentLibrary instantiate(String className, ClassLoader loader, List<ComponentLibrary> known) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            TreeSet<String> names = new TreeSet<>();
            known.forEach(library -> names.add(library.name()));
            throw new IllegalArgumentException("component library '" + className + "' not found: it is neither the short name"
                    + " of a library on the class path (found: " + (names.isEmpty() ? "none" : String.join(", ", names))
                    + ") nor a class name; list the library class in META-INF/services/" + ComponentLibrary.class.getName()
                    + " or pass its fully qualified class name", e);
        }
        if (!ComponentLibrary.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("class " + className + " does not implement " + ComponentLibrary.class.getName());
        }
        try {
            return (ComponentLibrary) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot create component library " + className
                    + ": it needs a public constructor without arguments (" + e + ")", e);
        }
    }
}
