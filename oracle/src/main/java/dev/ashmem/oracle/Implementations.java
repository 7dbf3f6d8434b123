package dev.ashmem.oracle;

import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.DeviceClass;
import java.util.Arrays;
import java.util.List;
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

    /**
     * The names of the catalogue entries that the named suite must catch ({@code BrokenVariant.forSuite}, e.g.
     * "DRIVE"), in catalogue order; empty when the reference is not on the class path.
     */
    public static List<String> variantNames(String suite) {
        try {
            var suites = Class.forName(BROKEN_VARIANTS_CLASS.substring(0, BROKEN_VARIANTS_CLASS.lastIndexOf('.')) + ".Suite");
            Object s = Arrays.stream(suites.getEnumConstants()).filter(c -> c.toString().equals(suite)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no suite " + suite));
            var entries = (List<?>) Class.forName(BROKEN_VARIANTS_CLASS).getMethod("forSuite", suites).invoke(null, s);
            return entries.stream().map(Object::toString).toList();
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
