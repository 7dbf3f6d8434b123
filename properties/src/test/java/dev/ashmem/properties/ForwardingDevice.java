package dev.ashmem.properties;

import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.Result;

/** A device that passes every call to {@code inner}: test devices override only the calls they break. */
abstract class ForwardingDevice implements AshmemDevice {
    protected final AshmemDevice inner;

    ForwardingDevice(AshmemDevice inner) {
        this.inner = inner;
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
        return inner.snapshot();
    }

    @Override
    public void close() {
        inner.close();
    }
}
