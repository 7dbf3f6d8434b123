package dev.ashmem.impl.scenarios;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.PinScenarios;

/** The model's pin scenarios, run against the off-heap implementation. */
class OffHeapPinTest extends PinScenarios {
    @Override
    protected AshmemDevice newDevice(int pageSize) {
        return new OffHeapAshmem(pageSize);
    }
}
