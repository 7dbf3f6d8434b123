package dev.ashmem.check.kernel;

import static dev.ashmem.check.kernel.Layout.LRU_LEN;

import dev.ashmem.check.scope.Scope;

/**
 * A kernel whose scope bound the packing cannot see: sound successors with more than one range on the LRU
 * count as out of bounds. The real bounds are either checked by the step (an mmap past --max-mappings,
 * never batched) or make the packing unfaithful (too many ranges or empty ones), so only a bound like
 * this one takes the explorers' paths for batched successors found out of bounds (rebuilt, then counted
 * as pruned by every discovery, never stored).
 */
public final class TighterBounds extends Kernel {
    public TighterBounds(Scope scope) {
        super(scope);
    }

    @Override
    public boolean outOfBounds(int[] f) {
        return super.outOfBounds(f) || f[LRU_LEN] > 1;
    }
}
