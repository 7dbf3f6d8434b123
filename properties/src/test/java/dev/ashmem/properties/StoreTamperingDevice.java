package dev.ashmem.properties;

import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.Result;
import java.util.function.UnaryOperator;

/**
 * The model with broken stores, for tests of what the differential comparison sees: a store writes
 * {@code stored.apply(data)} instead of the data, and with {@code alsoNextByte} a successful store
 * through a shared mapping also writes 0x5a to the byte after it when that byte is in the same page
 * (which then already holds data, so the file's data pages, part of the state, do not change).
 */
final class StoreTamperingDevice implements AshmemDevice {
    private final AshmemModel inner;
    private final UnaryOperator<byte[]> stored;
    private final boolean alsoNextByte;

    StoreTamperingDevice(int pageSize, UnaryOperator<byte[]> stored, boolean alsoNextByte) {
        this.inner = new AshmemModel(pageSize);
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

    @Override
    public int pageSize() {
        return inner.pageSize();
    }

    @Override
    public Result open() {
        return inner.open();
    }

    @Override
    public Result dup(int fd) {
        return inner.dup(fd);
    }

    @Override
    public Result close(int fd) {
        return inner.close(fd);
    }

    @Override
    public Result ioctl(int fd, Command cmd, Caller caller) {
        return inner.ioctl(fd, cmd, caller);
    }

    @Override
    public Result mmap(int fd, long length, int prot, boolean shared, long offset, Caller caller) {
        return inner.mmap(fd, length, prot, shared, offset, caller);
    }

    @Override
    public Result munmap(int mapping) {
        return inner.munmap(mapping);
    }

    @Override
    public Result mprotect(int mapping, int prot, Caller caller) {
        return inner.mprotect(mapping, prot, caller);
    }

    @Override
    public Result load(int mapping, long offset, int length) {
        return inner.load(mapping, offset, length);
    }

    @Override
    public Result read(int fd, int count) {
        return inner.read(fd, count);
    }

    @Override
    public Result llseek(int fd, long offset, int whence) {
        return inner.llseek(fd, offset, whence);
    }

    @Override
    public long shrinkCount() {
        return inner.shrinkCount();
    }

    @Override
    public long shrinkScan(long nrToScan, boolean mayEnterFs) {
        return inner.shrinkScan(nrToScan, mayEnterFs);
    }

    @Override
    public DeviceSnapshot snapshot() {
        return inner.snapshot();
    }
}
