package dev.ashmem.check.kernel;

import static dev.ashmem.check.kernel.Layout.*;

import dev.ashmem.check.scope.Scope;
import java.util.Map;
import java.util.function.Function;

/**
 * Deliberately broken transition functions: the checker must catch each. Each is the checker's form of
 * an entry of the broken-variant catalogue ({@link dev.ashmem.impl.broken.BrokenVariant}), by its name.
 */
public final class BrokenKernels {
    private BrokenKernels() {
    }

    /** Catalogue name -> the kernel mutation that reintroduces the same bug. */
    public static final Map<String, Function<Scope, Kernel>> BY_VARIANT = Map.of(
            "pin-forgets-lru-count", ForgetsLruCount::new,
            "merges-adjacent", MergesAdjacent::new);

    /** range_shrink() that forgets to lower lruCount when PIN cuts a range on the LRU. */
    public static final class ForgetsLruCount extends Kernel {
        public ForgetsLruCount(Scope scope) {
            super(scope);
        }

        @Override
        protected void shrinkRange(int[] f, int r, int s, int e) {
            int rb = L.range(r);
            f[rb + R_START] = s;
            f[rb + R_END] = e;
        }
    }

    /** UNPIN that also merges ranges that only touch the request (UNPIN-ADJACENT broken). */
    public static final class MergesAdjacent extends Kernel {
        public MergesAdjacent(Scope scope) {
            super(scope);
        }

        @Override
        protected void unpin(int[] f, int area, int ps, int pe) {
            int ab = L.area(area);
            for (int i = 0; i < f[ab + A_NR]; i++) {
                int r = f[ab + A_LIST + i];
                int rb = L.range(r);
                if (f[rb + R_PURGED] == 0 && (f[rb + R_END] + 1 == ps || f[rb + R_START] == pe + 1)) {
                    ps = Math.min(ps, f[rb + R_START]);
                    pe = Math.max(pe, f[rb + R_END]);
                    deleteRange(f, r);
                    i--;
                }
            }
            super.unpin(f, area, ps, pe);
        }
    }
}
