package dev.ashmem.oracle.replay;

import dev.ashmem.trace.TraceLine;
import java.util.List;

/**
 * The first line where an implementation's result differs from the expected profile's.
 *
 * @param line         the trace line
 * @param index        its position among the trace's operation lines (0-based)
 * @param verdict      the comparison, with the deciding rule and the state before
 * @param alternatives how the other profiles fare on the same trace
 * @param names        the trace names bound to model numbers at that point, for reading the state
 */
public record Divergence(TraceLine line, int index, Verdict verdict, List<ProfileMatch> alternatives, String names) {
    public Divergence {
        alternatives = List.copyOf(alternatives);
    }
}
