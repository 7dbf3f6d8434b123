package dev.ashmem.model;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The model with a memory: every operation adds the rules it fired, and those they rely on
 * ({@link RuleDependencies}), to {@link #exercised()}. Scenario suites run on it when their device is
 * the model, so traceability is checked by execution, not by reading annotations.
 */
final class RecordingDevice implements AshmemDevice {
    private final AshmemModel m;
    private final Set<String> exercised = new TreeSet<>();

    RecordingDevice(AshmemModel m) {
        this.m = m;
    }

    /** Every rule fired (or relied on) since this device was made. */
    Set<String> exercised() {
        return exercised;
    }

    private <T> T record(Supplier<T> op) {
        T out = op.get();
        exercised.addAll(RuleDependencies.complete(m.lastRules()));
        return out;
    }

    @Override public int pageSize() { return m.pageSize(); }
    @Override public Result open() { return record(m::open); }
    @Override public Result dup(int fd) { return record(() -> m.dup(fd)); }
    @Override public Result close(int fd) { return record(() -> m.close(fd)); }
    @Override public Result ioctl(int fd, Command cmd, Caller caller) { return record(() -> m.ioctl(fd, cmd, caller)); }
    @Override public Result mmap(int fd, long length, int prot, boolean shared, long offset, Caller caller) {
        return record(() -> m.mmap(fd, length, prot, shared, offset, caller));
    }
    @Override public Result munmap(int mapping) { return record(() -> m.munmap(mapping)); }
    @Override public Result mprotect(int mapping, int prot, Caller caller) { return record(() -> m.mprotect(mapping, prot, caller)); }
    @Override public Result load(int mapping, long offset, int length) { return record(() -> m.load(mapping, offset, length)); }
    @Override public Result store(int mapping, long offset, byte[] data) { return record(() -> m.store(mapping, offset, data)); }
    @Override public Result read(int fd, int count) { return record(() -> m.read(fd, count)); }
    @Override public Result llseek(int fd, long offset, int whence) { return record(() -> m.llseek(fd, offset, whence)); }
    @Override public long shrinkCount() { return record(m::shrinkCount); }
    @Override public long shrinkScan(long nrToScan, boolean mayEnterFs) { return record(() -> m.shrinkScan(nrToScan, mayEnterFs)); }
    @Override public DeviceSnapshot snapshot() { return m.snapshot(); }
    @Override public void close() { m.close(); }
}
