package dev.ashmem.cli;

import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.Result;

/** The model behind an AshmemDevice for the campaign's test implementations: each overrides the calls it breaks. */
public abstract class ForwardingModel implements AshmemDevice {
    protected final AshmemModel d;

    protected ForwardingModel(int pageSize) {
        d = new AshmemModel(pageSize);
    }

    @Override
    public Result ioctl(int fd, Command cmd, Caller caller) {
        return d.ioctl(fd, cmd, caller);
    }

    @Override public int pageSize() { return d.pageSize(); }
    @Override public Result open() { return d.open(); }
    @Override public Result dup(int fd) { return d.dup(fd); }
    @Override public Result close(int fd) { return d.close(fd); }
    @Override public Result mmap(int fd, long length, int prot, boolean shared, long offset, Caller caller) { return d.mmap(fd, length, prot, shared, offset, caller); }
    @Override public Result munmap(int mapping) { return d.munmap(mapping); }
    @Override public Result mprotect(int mapping, int prot, Caller caller) { return d.mprotect(mapping, prot, caller); }
    @Override public Result load(int mapping, long offset, int length) { return d.load(mapping, offset, length); }
    @Override public Result store(int mapping, long offset, byte[] data) { return d.store(mapping, offset, data); }
    @Override public Result read(int fd, int count) { return d.read(fd, count); }
    @Override public Result llseek(int fd, long offset, int whence) { return d.llseek(fd, offset, whence); }
    @Override public long shrinkCount() { return d.shrinkCount(); }
    @Override public long shrinkScan(long nrToScan, boolean mayEnterFs) { return d.shrinkScan(nrToScan, mayEnterFs); }
    @Override public DeviceSnapshot snapshot() { return d.snapshot(); }
}
