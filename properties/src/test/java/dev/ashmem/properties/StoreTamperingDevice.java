package dev.ashmem.properties;

import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Result;
import java.util.function.UnaryOperator;

/**
 * The model with broken stores, for tests of what the differential comparison sees: a store writes
 * {@code stored.apply(data)} instead of the data, and with {@code alsoNextByte} a successful store
 * through a shared mapping also writes 0x5a to the byte after it when that byte is in the same page
 * (which then already holds data, so the file's data pages, part of the state, do not change).
 */
final class StoreTamperingDevice extends ForwardingDevice {
    private final UnaryOperator<byte[]> stored;
    private final boolean alsoNextByte;

    StoreTamperingDevice(int pageSize, UnaryOperator<byte[]> stored, boolean alsoNextByte) {
        super(new AshmemModel(pageSize));
        this.stored = stored;
        this.alsoNextByte = alsoNextByte;
    }

    @Override
    public Result store(int mapping, long offset, byte[] data) {
        var result = inner.store(mapping, offset, stored.apply(data));
        long next = offset + data.length;
        if (alsoNextByte && result instanceof Result.Value && data.length > 0 && next / pageSize() == (next - 1) / pageSize()) {
            var m = inner.snapshot().mappings().stream().filter(x -> x.id() == mapping).findFirst();
            if (m.isPresent() && m.get().shared() && next < m.get().length()) {
                inner.store(mapping, next, new byte[] {0x5a});
            }
        }
        return result;
    }
}
