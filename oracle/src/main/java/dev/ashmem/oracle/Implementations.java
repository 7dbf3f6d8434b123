package dev.ashmem.oracle;

import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.DeviceClass;
import java.util.Optional;

/**
 * The in-process implementations the oracle can run: the model and the off-heap reference
 * implementation. The latter is loaded by name ({@link DeviceClass}) so that the oracle builds
 * against the AshmemDevice interface alone; {@link #referenceProblem} says clearly when it is not
 * on the class path.
 */
public final class Implementations {
    /** The reference implementation's class; its constructor takes the page size. */
    public static final String REFERENCE_CLASS = DeviceClass.REFERENCE;

    private Implementations() {
    }

    /** A fresh reference implementation, or empty with the reason in {@link #referenceProblem()}. */
    public static Optional<AshmemDevice> reference(int pageSize) {
        try {
            return Optional.of(DeviceClass.load(REFERENCE_CLASS).apply(pageSize));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Why {@link #reference} is empty (null when it works). */
    public static String referenceProblem() {
        try {
            DeviceClass.load(REFERENCE_CLASS).apply(4096).close();
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage() + " (build and install the reference-impl module)";
        } catch (RuntimeException | LinkageError e) {
            return REFERENCE_CLASS + " failed to start: " + e.getMessage();
        }
    }
}
