package dev.ashmem.properties;

import java.util.Locale;

/** How an implementation disagreed with the model on one step: part of a failure's signature. */
public enum Mismatch {
    /** It agreed (the step is not where the chain failed). */
    NONE,
    /** The step's result differs. */
    RESULT,
    /** The result agrees; the observable state after it (areas, handles, mappings, LRU) differs. */
    STATE,
    /** Result and state agree; the bytes of a backing file or of a private mapping differ. */
    CONTENT,
    /** The implementation threw instead of answering. */
    THREW;

    /** The word a failure signature uses: {@code result}, {@code state}, ... */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
