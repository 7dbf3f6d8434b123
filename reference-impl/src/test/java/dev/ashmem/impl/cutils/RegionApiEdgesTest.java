package dev.ashmem.impl.cutils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.model.Abi;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Exercises;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * The edges of the Java handles and the C-shaped functions: a closed Region refuses every call, u32 fields are
 * checked at their exact bounds before the driver sees them (so a bad handle shows which check came first),
 * the pin calls answer the driver's values, and ashmem_create_region closes its handle when SET_NAME or
 * SET_SIZE fails.
 */
class RegionApiEdgesTest {
    private static final int P = 4096;
    private static final int RW = Prot.READ | Prot.WRITE;
    private final OffHeapAshmem dev = new OffHeapAshmem(P);

    @AfterEach
    void close() {
        dev.close();
    }

    @Test
    void aClosedRegionRefusesEveryCall() {
        var region = Region.create(dev, "closed", 2L * P);
        assertThat(region.isClosed()).isFalse();
        assertThat(region.name()).isEqualTo("closed");
        assertThat(region.size()).isEqualTo(2L * P);
        region.close();
        assertThat(region.isClosed()).isTrue();
        assertThat(dev.handleIds()).isEmpty();
        List<ThrowingConsumer<Region>> calls = List.of(Region::fd, Region::driverName, r -> r.setProt(Prot.READ), Region::prot,
                r -> r.pin(0, P), r -> r.unpin(0, P), r -> r.isPinned(0, P), r -> r.map(Prot.READ), Region::procPath);
        for (var call : calls) {
            assertThatThrownBy(() -> call.accept(region)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
        }
        region.close(); // idempotent
    }

    @Exercises({"PIN-RET", "STATUS-RET", "NAME-SET", "PROT-GET", "PROT-SET"})
    @Test
    void aRegionAnswersWhatTheDriverDoes() {
        int other = dev.openHandle(); // so the region's handle is not 0
        try (var region = Region.create(dev, "answers", 4L * P)) {
            assertThat(region.driverName()).isEqualTo("answers");
            assertThat(dev.handleIds()).containsExactly(other, region.fd());
            assertThat(region.fd()).isNotEqualTo(other);
            assertThat(region.procPath()).isEmpty(); // no file before the first mapping
            try (var map = region.map(RW)) {
                assertThat(map.region()).isSameAs(region);
                assertThat(region.procPath()).hasValueSatisfying(p -> assertThat(p).startsWith("/proc/").contains("/fd/"));
                map.write(0, new byte[] {1, 2});
                assertThat(region.isPinned(0, 4L * P)).isTrue();
                region.unpin(P, 2L * P);
                assertThat(region.isPinned(0, 4L * P)).isFalse();
                assertThat(region.isPinned(0, P)).isTrue();
                assertThat(region.pin(P, 2L * P)).isFalse(); // NOT_PURGED
                region.unpin(P, P);
                assertThat(dev.shrinkScan(1, true)).isEqualTo(1);
                assertThat(region.pin(P, P)).isTrue(); // WAS_PURGED
                assertThat(region.prot()).isEqualTo(Prot.ALL);
                region.setProt(Prot.READ);
                assertThat(region.prot()).isEqualTo(Prot.READ);
                assertThatThrownBy(() -> region.setProt(RW)).isInstanceOfSatisfying(AshmemException.class,
                        e -> assertThat(e.errno()).isEqualTo(Errno.EINVAL));
                assertThat(map.isClosed()).isFalse();
            }
        }
    }

    @Test
    void u32FieldsAreCheckedAtTheirBoundsBeforeTheDriverSeesThem() {
        try (var region = Region.create(dev, "u32", 2L * P)) {
            long max = Abi.U32_MAX;
            for (long bad : new long[] {-1, max + 1}) {
                assertThatThrownBy(() -> region.pin(bad, P)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset");
                assertThatThrownBy(() -> region.pin(0, bad)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("len");
                assertThatThrownBy(() -> region.unpin(bad, P)).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> region.unpin(0, bad)).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> region.isPinned(bad, P)).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> region.isPinned(0, bad)).isInstanceOf(IllegalArgumentException.class);
            }
            // At the bound the value reaches the driver, which refuses it for a reason of its own (no file yet).
            for (long edge : new long[] {0, max}) {
                assertThatThrownBy(() -> region.pin(edge, max)).isInstanceOf(AshmemException.class);
                assertThatThrownBy(() -> region.unpin(max, edge)).isInstanceOf(AshmemException.class);
                assertThatThrownBy(() -> region.isPinned(edge, max)).isInstanceOf(AshmemException.class);
            }
        }
        // The C-shaped functions: out of range is EINVAL before the handle is looked at; at the bound the
        // driver sees the call and answers EBADF for a handle that does not exist.
        var api = new Ashmem(dev);
        assertThat(api.device()).isSameAs(dev);
        int bad = 77;
        long max = Abi.U32_MAX;
        int einval = -Errno.EINVAL.number();
        int ebadf = -Errno.EBADF.number();
        assertThat(api.pinRegion(bad, max + 1, 0)).isEqualTo(einval);
        assertThat(api.pinRegion(bad, 0, max + 1)).isEqualTo(einval);
        assertThat(api.unpinRegion(bad, max + 1, 0)).isEqualTo(einval);
        assertThat(api.getPinStatus(bad, -1, 0)).isEqualTo(einval);
        assertThat(api.getPinStatus(bad, 0, max + 1)).isEqualTo(einval);
        assertThat(api.pinRegion(bad, max, max)).isEqualTo(ebadf);
        assertThat(api.unpinRegion(bad, 0, max)).isEqualTo(ebadf);
        assertThat(api.getPinStatus(bad, max, 0)).isEqualTo(ebadf);
    }

    @Exercises({"STATUS-RET"})
    @Test
    void thePinStatusFunctionAnswersPinnedAndUnpinned() {
        var api = new Ashmem(dev);
        int fd = api.createRegion("status", 2L * P);
        assertThat(dev.mmap(fd, 2L * P, RW, true, 0)).isInstanceOf(Result.Value.class);
        assertThat(api.getPinStatus(fd, 0, 2L * P)).isEqualTo(Ashmem.ASHMEM_IS_PINNED);
        assertThat(api.unpinRegion(fd, P, P)).isZero();
        assertThat(api.getPinStatus(fd, 0, 2L * P)).isEqualTo(Ashmem.ASHMEM_IS_UNPINNED);
        assertThat(api.pinRegion(fd, P, P)).isEqualTo(Ashmem.ASHMEM_NOT_PURGED);
        assertThat(api.getPinStatus(fd, 0, 0)).isEqualTo(Ashmem.ASHMEM_IS_PINNED);
    }

    @Test
    void aClosedMappingRefusesEveryCall() {
        try (var region = Region.create(dev, "unmapped", P)) {
            var map = region.map(0, P, RW, false);
            map.close();
            assertThat(map.isClosed()).isTrue();
            assertThat(dev.mappingIds()).isEmpty();
            assertThatThrownBy(() -> map.write(0, new byte[1])).isInstanceOf(IllegalStateException.class).hasMessageContaining("unmapped");
            assertThatThrownBy(() -> map.protect(Prot.READ)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(map::segment).isInstanceOf(IllegalStateException.class).hasMessageContaining("unmapped");
            assertThatThrownBy(() -> region.map(Prot.READ | 8)).isInstanceOf(IllegalArgumentException.class);
            // unmapped through the device, behind the handle's back: the handle finds its mapping gone
            var other = region.map(Prot.READ);
            assertThat(dev.munmap(other.id())).isEqualTo(Result.ZERO);
            assertThat(other.isClosed()).isFalse();
            assertThatThrownBy(other::segment).isInstanceOf(IllegalStateException.class).hasMessageContaining("gone");
            assertThatThrownBy(() -> other.read(0, 1)).isInstanceOfSatisfying(MemoryFaultException.class,
                    e -> assertThat(e.signal()).isEqualTo(Result.Signal.SIGSEGV)); // no mapping there any more
        }
    }

    /** A device that answers like the model except where {@code fail} gives a result for a call. */
    private static AshmemDevice failing(AshmemModel model, BiFunction<String, Object[], Result> fail) {
        return (AshmemDevice) Proxy.newProxyInstance(AshmemDevice.class.getClassLoader(), new Class<?>[] {AshmemDevice.class},
                (proxy, method, args) -> {
                    var r = fail.apply(method.getName(), args);
                    if (r != null) {
                        return r;
                    }
                    try {
                        return method.invoke(model, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Exercises({"OPEN-AREA", "CLOSE-RELEASE"})
    @Test
    void createRegionGivesTheFirstErrnoAndClosesItsHandle() {
        var model = new AshmemModel(P);
        var noMemory = new Ashmem(failing(model, (m, a) -> m.equals("open") ? Result.err(Errno.ENOMEM) : null));
        assertThat(noMemory.createRegion("x", P)).isEqualTo(-Errno.ENOMEM.number());
        assertThat(noMemory.purgeAll(Caller.ADMIN)).isEqualTo(-Errno.ENOMEM.number());
        var badName = new Ashmem(failing(model, (m, a) -> m.equals("ioctl") && a[1] instanceof Command.SetName ? Result.err(Errno.EFAULT) : null));
        assertThat(badName.createRegion("x", P)).isEqualTo(-Errno.EFAULT.number());
        assertThat(model.snapshot().areas()).isEmpty(); // its handle was closed
        var badSize = new Ashmem(failing(model, (m, a) -> m.equals("ioctl") && a[1] instanceof Command.SetSize ? Result.err(Errno.EINVAL) : null));
        assertThat(badSize.createRegion("x", P)).isEqualTo(-Errno.EINVAL.number());
        assertThat(model.snapshot().areas()).isEmpty();
        int fd = new Ashmem(model).createRegion("ok", P);
        assertThat(fd).isZero();
        assertThat(model.snapshot().areas()).hasSize(1);
    }
}
