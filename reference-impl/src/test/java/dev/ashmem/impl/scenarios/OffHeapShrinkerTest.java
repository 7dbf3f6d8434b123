package dev.ashmem.impl.scenarios;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.ShrinkerScenarios;

/** The model's shrinker scenarios, run against the off-heap implementation. */
class OffHeapShrinkerTest extends ShrinkerScenarios {
    @Override
    protected AshmemDevice newDevice(int pageSize) {
        return new OffHeapAshmem(pageSize);
    }
}
