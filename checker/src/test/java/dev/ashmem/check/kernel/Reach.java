package dev.ashmem.check.kernel;

import dev.ashmem.check.explore.StateStore;
import dev.ashmem.check.scope.Scope;
import java.util.ArrayList;
import java.util.List;

/** A plain breadth-first enumeration of a scope's packed states, for tests of the packing itself. */
final class Reach {
    private Reach() {
    }

    static List<long[]> states(Scope scope, boolean symmetry) {
        var kernel = new Kernel(scope);
        var codec = new Codec(kernel, symmetry);
        var actions = new Alphabet(scope).actions();
        var store = new StateStore(codec.words, 1024);
        int[] base = new int[kernel.frameLength()];
        int[] work = new int[base.length];
        long[] key = new long[codec.words];
        kernel.initial(base);
        codec.encode(base, key);
        store.add(key, -1);
        var out = new ArrayList<long[]>();
        int depth = 0;
        int levelEnd = 1;
        for (int i = 0; i < store.size(); i++) {
            if (i == levelEnd) {
                depth++;
                levelEnd = store.size();
            }
            store.get(i, key);
            out.add(key.clone());
            if (scope.maxDepth() > 0 && depth >= scope.maxDepth()) {
                continue;
            }
            codec.decode(key, base);
            for (var a : actions) {
                if (kernel.enabled(base, a) && kernel.step(base, work, a) && !kernel.outOfBounds(work)) {
                    long[] succ = new long[codec.words];
                    codec.encode(work, succ);
                    store.add(succ, i);
                }
            }
        }
        return out;
    }
}
