package dev.ashmem.oracle;

import dev.ashmem.model.AshmemDevice;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The in-process implementations the oracle can run: the model and the off-heap reference
 * implementation. The latter is found by name so that the oracle builds against the AshmemDevice
 * interface alone; {@link #reference} says clearly when it is not on the class path.
 */
public final class Implementations {
    /** The reference implementation's class; its constructor takes the page size. */
    public static final String REFERENCE_CLASS = "dev.ashmem.impl.OffHeapAshmem";

    /** The catalogue of deliberately broken variants of the reference implementation (an enum). */
    public static final String BROKEN_VARIANTS_CLASS = "dev.ashmem.impl.broken.BrokenVariant";

    private Implementations() {
    }

    /** The names of the catalogue's broken variants, in catalogue order; empty when the reference is not on the class path. */
    public static List<String> variantNames() {
        try {
            var values = (Object[]) Class.forName(BROKEN_VARIANTS_CLASS).getMethod("values").invoke(null);
            return Arrays.stream(values).map(Object::toString).toList(); // toString() is the stable name
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return List.of();
        }
    }

    /** A fresh broken variant of the reference implementation, by its catalogue name. */
    public static Optional<AshmemDevice> variant(String name, int pageSize) {
        if (!variantNames().contains(name)) {
            return Optional.empty();
        }
        try {
            var entry = Class.forName(BROKEN_VARIANTS_CLASS).getMethod("named", String.class).invoke(null, name);
            return Optional.of((AshmemDevice) entry.getClass().getMethod("create", int.class).invoke(entry, pageSize));
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** A fresh reference implementation, or empty with the reason in {@link #referenceProblem()}. */
    public static Optional<AshmemDevice> reference(int pageSize) {
        try {
            var c = Class.forName(REFERENCE_CLASS);
            return Optional.of((AshmemDevice) c.getConstructor(int.class).newInstance(pageSize));
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** Why {@link #reference} is empty (null when it works). */
    public static String referenceProblem() {
        try {
            var c = Class.forName(REFERENCE_CLASS);
            if (!AshmemDevice.class.isAssignableFrom(c)) {
                return REFERENCE_CLASS + " does not implement AshmemDevice";
            }
            ((AshmemDevice) c.getConstructor(int.class).newInstance(4096)).close();
            return null;
        } catch (ClassNotFoundException e) {
            return "the reference implementation (" + REFERENCE_CLASS + ") is not on the class path: build and install "
                    + "the reference-impl module";
        } catch (InvocationTargetException e) {
            return REFERENCE_CLASS + " failed to start: " + e.getCause();
        } catch (ReflectiveOperationException | LinkageError e) {
            return REFERENCE_CLASS + " cannot be created with (int pageSize): " + e;
        }
    }
}
