package dev.ashmem.stress;

import dev.ashmem.impl.OffHeapAshmem;

/** The device factory of the stress tests, chosen once per test VM by -Dashmem.stress.variant. */
public final class Devices {
    /** Read once: every state of a run uses the same variant; a typo fails the first state loudly. */
    private static final Variant VARIANT = Variant.of(System.getProperty(Variant.PROPERTY, Variant.NONE.id()));

    private Devices() {
    }

    public static Variant variant() {
        return VARIANT;
    }

    /** One fresh device per jcstress state; the state's arbiter closes it. */
    public static OffHeapAshmem create(int pageSize) {
        return VARIANT.create(pageSize);
    }
}
