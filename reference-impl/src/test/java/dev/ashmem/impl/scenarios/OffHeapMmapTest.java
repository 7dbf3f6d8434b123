package dev.ashmem.impl.scenarios;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.MmapScenarios;

/** The model's mmap scenarios, run against the off-heap implementation. */
class OffHeapMmapTest extends MmapScenarios {
    @Override
    protected AshmemDevice newDevice(int pageSize) {
        return new OffHeapAshmem(pageSize);
    }
}
