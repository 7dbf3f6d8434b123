package dev.ashmem.properties;

import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.DeviceSnapshot;

/** A device that cannot show its state, like a real driver behind ioctls: every call but snapshot() passes through. */
class HiddenStateDevice extends ForwardingDevice {
    HiddenStateDevice(AshmemDevice inner) {
        super(inner);
    }

    @Override
    public DeviceSnapshot snapshot() {
        throw new UnsupportedOperationException("this device cannot show its state");
    }
}
