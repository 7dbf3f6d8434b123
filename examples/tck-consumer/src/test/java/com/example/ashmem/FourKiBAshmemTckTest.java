package com.example.ashmem;

import dev.ashmem.model.AshmemDevice;
import dev.ashmem.properties.AshmemTck;
import dev.ashmem.properties.Capabilities;

/** The whole TCK against FourKiBAshmem: the 16 KiB run is reported as skipped, the 4 KiB run compares what it can see. */
class FourKiBAshmemTckTest extends AshmemTck {
    @Override
    protected AshmemDevice newDevice(int pageSize) {
        return new FourKiBAshmem(pageSize);
    }

    @Override
    protected Capabilities capabilities() {
        return Capabilities.full().onlyPageSizes(4096).observableOnly();
    }
}
