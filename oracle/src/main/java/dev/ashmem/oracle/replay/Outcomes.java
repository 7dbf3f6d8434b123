package dev.ashmem.oracle.replay;

import dev.ashmem.trace.NameMode;
import dev.ashmem.trace.Outcome;

/** When an observed result agrees with the expected one. */
public final class Outcomes {
    private Outcomes() {
    }

    /**
     * Equal results agree; a returned name agrees with any name in {@link NameMode#MAPPED} (the binder
     * follows it) and with the same number in {@link NameMode#EXACT}.
     */
    public static boolean agree(Outcome expected, Outcome observed, NameMode mode) {
        if (expected instanceof Outcome.Bound e && observed instanceof Outcome.Bound o) {
            return mode == NameMode.MAPPED
                    || e.name().number().isPresent() && e.name().number().equals(o.name().number());
        }
        return expected.equals(observed);
    }
}
