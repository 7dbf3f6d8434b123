package dev.ashmem.check.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.check.scope.Scope;
import dev.ashmem.check.scope.Scopes;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.Result;
import org.junit.jupiter.api.Test;

/** Bounded exhaustive refinement: a correct device passes, a device that differs in one corner is caught. */
class RefinementTest {

    @Test
    void aSecondModelRefinesTheModel() {
        var scope = Scopes.named("small");
        var report = Refinement.run(scope, 3, Refinement.supplier("model", scope.pageSize()), null);
        assertThat(report.divergence()).isEmpty();
        assertThat(report.transitions()).isGreaterThan(1000);
    }

    @Test
    void theWholeSurfaceRefinesToo() {
        var scope = Scopes.named("surface").toBuilder().applyTo(b -> {
            b.pages = 1;
            b.sizes = java.util.List.of(0L, 4096L, 1L << 63);
            b.maxMappings = 1;
        });
        assertThat(Refinement.run(scope, 2, Refinement.supplier("model", scope.pageSize()), null).divergence()).isEmpty();
    }

    @Test
    void aDeviceWhosePinForgetsWasPurgedIsCaught() {
        var scope = Scopes.named("small");
        var report = Refinement.run(scope, 3, () -> new ForgetsPurged(new AshmemModel(scope.pageSize())), null);
        var d = report.divergence().orElseThrow();
        assertThat(d.what()).isEqualTo("result");
        // shortest: unpin, scan (purges it), pin -> WAS_PURGED expected, NOT_PURGED given
        assertThat(d.steps()).hasSize(3);
        assertThat(d.expected()).endsWith("-> 1");
        assertThat(d.actual()).isEqualTo("0");
    }

    @Test
    void aDeviceWithADifferentSnapshotIsCaught() {
        var scope = Scopes.named("small");
        var report = Refinement.run(scope, 2, () -> new LruCountOffByOne(new AshmemModel(scope.pageSize())), null);
        var d = report.divergence().orElseThrow();
        assertThat(d.what()).isEqualTo("snapshot");
        assertThat(d.steps()).hasSize(1);
    }

    @Test
    void theReferenceImplementationRefinesTheModelWhenPresent() {
        var scope = Scopes.named("small");
        org.junit.jupiter.api.Assumptions.assumeTrue(present(Refinement.DEFAULT_IMPL), "reference implementation not on the class path");
        refines(scope, 3);
        refines(Scopes.named("surface").toBuilder().applyTo(b -> {
            b.pages = 1;
            b.sizes = java.util.List.of(0L, 4096L, 1L << 63);
            b.maxMappings = 1;
        }), 2);
    }

    private static void refines(Scope scope, int depth) {
        var report = Refinement.run(scope, depth, Refinement.supplier(Refinement.DEFAULT_IMPL, scope.pageSize()), null);
        report.divergence().ifPresent(d -> {
            var bytes = new java.io.ByteArrayOutputStream();
            d.print(new java.io.PrintStream(bytes, true));
            throw new AssertionError(bytes.toString());
        });
        assertThat(report.transitions()).isGreaterThan(100);
    }

    static boolean present(String name) {
        try {
            Class.forName(name);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** PIN always answers NOT_PURGED (a memfd-like device). */
    static final class ForgetsPurged extends Delegating {
        ForgetsPurged(AshmemDevice d) {
            super(d);
        }

        @Override
        public Result ioctl(int fd, Command cmd, Caller caller) {
            var r = d.ioctl(fd, cmd, caller);
            return cmd instanceof Command.Pin && r.equals(Result.ok(1)) ? Result.ok(0) : r;
        }
    }

    /** Reports lruCount one too high once anything is unpinned. */
    static final class LruCountOffByOne extends Delegating {
        LruCountOffByOne(AshmemDevice d) {
            super(d);
        }

        @Override
        public DeviceSnapshot snapshot() {
            var s = d.snapshot();
            return s.lru().isEmpty() ? s : new DeviceSnapshot(s.pageSize(), s.areas(), s.lru(), s.lruCount() + 1, s.mappings(), s.files());
        }
    }

    /** Forwards everything to another device. */
    abstract static class Delegating implements AshmemDevice {
        final AshmemDevice d;

        Delegating(AshmemDevice d) {
            this.d = d;
        }

        @Override
        public int pageSize() {
            return d.pageSize();
        }

        @Override
        public Result open() {
            return d.open();
        }

        @Override
        public Result dup(int fd) {
            return d.dup(fd);
        }

        @Override
        public Result close(int fd) {
            return d.close(fd);
        }

        @Override
        public Result ioctl(int fd, Command cmd, Caller caller) {
            return d.ioctl(fd, cmd, caller);
        }

        @Override
        public Result mmap(int fd, long length, int prot, boolean shared, long offset, Caller caller) {
            return d.mmap(fd, length, prot, shared, offset, caller);
        }

        @Override
        public Result munmap(int mapping) {
            return d.munmap(mapping);
        }

        @Override
        public Result mprotect(int mapping, int prot, Caller caller) {
            return d.mprotect(mapping, prot, caller);
        }

        @Override
        public Result load(int mapping, long offset, int length) {
            return d.load(mapping, offset, length);
        }

        @Override
        public Result store(int mapping, long offset, byte[] data) {
            return d.store(mapping, offset, data);
        }

        @Override
        public Result read(int fd, int count) {
            return d.read(fd, count);
        }

        @Override
        public Result llseek(int fd, long offset, int whence) {
            return d.llseek(fd, offset, whence);
        }

        @Override
        public long shrinkCount() {
            return d.shrinkCount();
        }

        @Override
        public long shrinkScan(long nrToScan, boolean mayEnterFs) {
            return d.shrinkScan(nrToScan, mayEnterFs);
        }

        @Override
        public DeviceSnapshot snapshot() {
            return d.snapshot();
        }
    }
}
