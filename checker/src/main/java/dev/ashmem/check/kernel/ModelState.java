package dev.ashmem.check.kernel;

import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.PendingPunch;

/**
 * A model standing in some state of a scope, with the device's names for the kernel's slots: what
 * {@link ModelEncoder} needs to read it back into a frame. The kernel package sees the model only
 * through this view, so the code that drives the model (trace.ModelCursor) depends on the kernel and
 * not the other way round.
 */
public interface ModelState {
    AshmemModel model();

    /** The handle of an area slot, -1 when closed. */
    int fd(int slot);

    /** The {@link Layout} phase (PHASE_*) of a shrinker thread. */
    int phase(int shrinker);

    /** The punch a shrinker thread marked and has not released, or null. */
    PendingPunch pending(int shrinker);
}
