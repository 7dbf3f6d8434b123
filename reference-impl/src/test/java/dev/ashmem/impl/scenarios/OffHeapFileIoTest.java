package dev.ashmem.impl.scenarios;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.FileIoScenarios;

/** The model's fileio scenarios, run against the off-heap implementation. */
class OffHeapFileIoTest extends FileIoScenarios {
    @Override
    protected AshmemDevice newDevice(int pageSize) {
        return new OffHeapAshmem(pageSize);
    }
}
