package dev.ashmem.impl.broken;

/** A suite that must catch a broken variant; each iterates over the catalogue entries naming it. */
public enum Suite {
    /** The differential property suite, the TCK (properties: SuiteHasTeethTest). */
    DIFFERENTIAL,
    /** {@code ashmem drive} against {@code ashmem serve --impl reference --variant NAME}: results only, over the line protocol. */
    DRIVE,
    /** The hand-written scenario next to the correct device (reference-impl: BrokenVariantsTest). */
    SCENARIO,
    /** The jcstress tests of the global mutex ({@code ashmem stress --variant NAME --expect-forbidden}). */
    STRESS,
    /** The model checker, through the kernel mutation it maps the entry's name to (checker: BrokenVariantTest). */
    MODEL_CHECKER
}
