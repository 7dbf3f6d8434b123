package com.example.ashmem;

import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.Result;

/**
 * A stand-in for your implementation: an ashmem that knows 4 KiB pages only and, like a real driver
 * behind ioctls, cannot show its internal state. It forwards to the model; yours would call your code.
 */
public final class FourKiBAshmem implements AshmemDevice {
    private final AshmemModel inner;

    public FourKiBAshmem(int pageSize) {
        if (pageSize != 4096) {
            throw new IllegalArgumentException("4 KiB pages only, not " + pageSize);
        }
        inner = new AshmemModel(pageSize);
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
    public Result store(int mapping, long offset, byte[] data) {
        return inner.store(mapping, offset, data);
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
        throw new UnsupportedOperationException("FourKiBAshmem cannot show its internal state");
    }
}
