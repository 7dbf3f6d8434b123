package dev.ashmem.properties;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.model.AshmemDevice;

/** The reference implementation runs through exactly the kit offered to everyone else. */
class ReferenceImplementationTckTest extends AshmemTck {
    @Override
    protected AshmemDevice newDevice(int pageSize) {
        return new OffHeapAshmem(pageSize);
    }
}
