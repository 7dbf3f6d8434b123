package dev.ashmem.model;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.function.IntFunction;

/**
 * The one way to load an {@link AshmemDevice} implementation by class name (campaign --impl,
 * model-check --refine, the oracle's reference device): a public class implementing AshmemDevice
 * with a public {@code (int pageSize)} constructor. Looking it up by name lets the tools build
 * against this interface alone.
 */
public final class DeviceClass {
    /** The reference implementation on memfd + mmap. */
    public static final String REFERENCE = "dev.ashmem.impl.OffHeapAshmem";

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
