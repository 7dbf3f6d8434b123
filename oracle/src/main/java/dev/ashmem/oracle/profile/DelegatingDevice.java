package dev.ashmem.oracle.profile;

import dev.ashmem.trace.Difference;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.AreaSnapshot;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.Invariants;
import dev.ashmem.model.Result;
import java.util.List;
import java.util.Optional;

/**
 * A profile as the model plus overrides: every operation goes to the model unless a subclass takes a
 * profile-specific path, which it records with {@link #differ}.
 */
abstract sealed class DelegatingDevice implements ProfileDevice permits MainlineDevice, RustDevice, MemfdDevice {
    protected final AshmemModel m;
    private Difference last;

    DelegatingDevice(AshmemModel m) {
        this.m = m;
    }

    /** Records that the current operation took the path of {@code d}. */
    protected final <T> T differ(Difference d, T result) {
        last = d;
        return result;
    }

    /** Forgets the last operation's difference, for a profile path that does not start with a model call. */
    protected final void clearDifference() {
        last = null;
    }

    /** The live area behind a handle, if any. */
    protected final Optional<AreaSnapshot> area(int fd) {
        return m.snapshot().areas().stream().filter(a -> a.handles().contains(fd)).findFirst();
    }

    @Override
    public final Optional<Difference> lastDifference() {
        return Optional.ofNullable(last);
    }

    @Override
    public final List<String> lastRules() {
        return last != null ? List.of() : m.lastRules();
    }

    @Override
    public final AshmemModel model() {
        return m;
    }

    @Override
    public final List<Invariants.Violation> violations() {
        return m.violations();
    }

    @Override
    public final int pageSize() {
        return m.pageSize();
    }

    @Override
    public final DeviceSnapshot snapshot() {
        return m.snapshot();
    }

    @Override
    public Result open() {
        last = null;
        return m.open();
    }

    @Override
    public Result dup(int fd) {
        last = null;
        return m.dup(fd);
    }

    @Override
    public Result close(int fd) {
        last = null;
        return m.close(fd);
    }

    @Override
    public Result ioctl(int fd, Command cmd, Caller caller) {
        last = null;
        return m.ioctl(fd, cmd, caller);
    }

    @Override
    public Result mmap(int fd, long length, int prot, boolean shared, long offset, Caller caller) {
        last = null;
        return m.mmap(fd, length, prot, shared, offset, caller);
    }

    @Override
    public Result munmap(int mapping) {
        last = null;
        return m.munmap(mapping);
    }

    @Override
    public Result mprotect(int mapping, int prot, Caller caller) {
        last = null;
        return m.mprotect(mapping, prot, caller);
    }

    @Override
    public Result load(int mapping, long offset, int length) {
        last = null;
        return m.load(mapping, offset, length);
    }

    @Override
    public Result store(int mapping, long offset, byte[] data) {
        last = null;
        return m.store(mapping, offset, data);
    }

    @Override
    public Result read(int fd, int count) {
        last = null;
        return m.read(fd, count);
    }

    @Override
    public Result llseek(int fd, long offset, int whence) {
        last = null;
        return m.llseek(fd, offset, whence);
    }

    @Override
    public long shrinkCount() {
        last = null;
        return m.shrinkCount();
    }

    @Override
    public long shrinkScan(long nrToScan, boolean mayEnterFs) {
        last = null;
        return m.shrinkScan(nrToScan, mayEnterFs);
    }

    @Override
    public String toString() {
        return profile().word() + " " + m.snapshot();
    }
}
