package dev.ashmem.check.validate;

import dev.ashmem.check.kernel.Action;
import dev.ashmem.check.trace.TraceStep;
import java.util.ArrayList;
import java.util.List;

/** A path from the initial state as a persistent list: shared prefixes cost nothing. */
record PathNode(PathNode parent, Action action, TraceStep step, int depth) {

    static PathNode extend(PathNode parent, Action action, TraceStep step) {
        return new PathNode(parent, action, step, parent == null ? 1 : parent.depth + 1);
    }

    static List<TraceStep> steps(PathNode node) {
        var out = new ArrayList<TraceStep>();
        for (var n = node; n != null; n = n.parent) {
            out.addFirst(n.step);
        }
        return out;
    }
}
