package dev.ashmem.impl.scenarios;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.BoundaryScenarios;

/** The model's boundary scenarios, run against the off-heap implementation. */
class OffHeapBoundaryTest extends BoundaryScenarios {
    @Override
    protected AshmemDevice newDevice(int pageSize) {
        return new OffHeapAshmem(pageSize);
    }
}
