package dev.ashmem.model;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.function.IntFunction;

/**
 * The one way to load an {@link AshmemDevice} implementation by class name (campaign --impl,
 * model-check --refine --impl, serve --impl, the oracle's reference device): a public class implementing
 * AshmemDevice with a public {@code (int pageSize)} constructor, from the tool's class path or a user's
 * jars and class directories ({@code --classpath}). Looking it up by name lets the tools build against
 * this interface alone.
 */
public final class DeviceClass {
    /** The reference implementation on memfd + mmap. */
    public static final String REFERENCE = "dev.ashmem.impl.OffHeapAshmem";

    /** What an {@code --impl} class must be, for the commands' help texts. */
    public static final String REQUIREMENT = "a public class implementing dev.ashmem.model.AshmemDevice with a public "
            + "(int pageSize) constructor (each call gives a fresh device of that page size), found on --classpath";

    /** What {@code --classpath} is, for the commands' help texts. */
    public static final String CLASSPATH_HELP = "jars and class directories holding --impl and what it needs, "
            + "separated by '${sys:path.separator}' (a runnable jar ignores java -cp)";

    private DeviceClass() {
    }

    /**
     * A page-size factory for {@code className}.
     *
     * @throws IllegalArgumentException with one line saying what is wrong: the class is not on the
     *                                  class path, is not an AshmemDevice, or has no public (int pageSize) constructor
     */
    public static IntFunction<AshmemDevice> load(String className) {
        return load(className, DeviceClass.class.getClassLoader());
    }

    /** The same, looking the class up in {@code classpath} first (see {@link #classPath}); null: the tool's own class path. */
    public static IntFunction<AshmemDevice> load(String className, String classpath) {
        return load(className, classPath(classpath));
    }

    /**
     * A loader over a user's jars and class directories, separated by the platform's path separator, whose
     * parent is this library's loader; this library's loader when {@code classpath} is null or blank.
     *
     * @throws IllegalArgumentException {@code --classpath: PATH does not exist} for a missing entry
     */
    public static ClassLoader classPath(String classpath) {
        var parent = DeviceClass.class.getClassLoader();
        if (classpath == null || classpath.isBlank()) {
            return parent;
        }
        var urls = new ArrayList<URL>();
        for (var entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry).toAbsolutePath();
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("--classpath: " + path + " does not exist");
            }
            try {
                urls.add(path.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("--classpath: " + entry + ": " + e.getMessage());
            }
        }
        return new URLClassLoader("user", urls.toArray(URL[]::new), parent);
    }

    /** The same, looking the class up through {@code loader} (a user's jar: {@code --classpath}). */
    public static IntFunction<AshmemDevice> load(String className, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("implementation class " + className + " is not on the class path");
        }
        if (!AshmemDevice.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(className + " does not implement " + AshmemDevice.class.getName());
        }
        Constructor<? extends AshmemDevice> ctor;
        try {
            ctor = type.asSubclass(AshmemDevice.class).getConstructor(int.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(className + " has no public constructor (int pageSize)");
        }
        return pageSize -> {
            try {
                return ctor.newInstance(pageSize);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException(className + "(" + pageSize + ") failed: " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create " + className + ": " + e, e);
            }
        };
    }
}
