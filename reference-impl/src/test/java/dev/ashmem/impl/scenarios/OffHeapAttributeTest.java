package dev.ashmem.impl.scenarios;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.AttributeScenarios;

/** The model's attribute scenarios, run against the off-heap implementation. */
class OffHeapAttributeTest extends AttributeScenarios {
    @Override
    protected AshmemDevice newDevice(int pageSize) {
        return new OffHeapAshmem(pageSize);
    }
}
