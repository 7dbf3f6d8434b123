package dev.ashmem.model;

import static dev.ashmem.model.AshmemAssertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * Common ground of the scenario suites: they run against any {@link AshmemDevice}. The model's tests
 * extend them with the model; an implementation's tests extend them with the implementation.
 * Expected values in the suites are worked out from the rule text, page by page.
 * On the model, each test must make every rule its {@link Exercises} claims fire (or be relied on by a
 * rule that fired, {@link RuleDependencies}); other devices cannot report rules and are not checked.
 */
public abstract class DeviceScenarioBase {
    protected static final int RW = Prot.READ | Prot.WRITE;
    protected static final boolean SHARED = true;
    protected static final boolean PRIVATE = false;

    protected AshmemDevice dev;
    protected int P;
    /** Rules exercised on the model by the current test; null when the device is not the model. */
    private Set<String> exercised;

    /** A fresh device with the given page size. */
    protected abstract AshmemDevice newDevice(int pageSize);

    @BeforeEach
    void openDevice() {
        exercised = null;
        dev = recording(newDevice(4096));
        P = dev.pageSize();
    }

    @AfterEach
    void closeDevice(TestInfo test) {
        release();
        var claim = test.getTestMethod().map(m -> m.getAnnotation(Exercises.class));
        if (exercised != null && claim.isPresent()) {
            var missing = new TreeSet<>(Set.of(claim.get().value()));
            missing.removeAll(exercised);
            assertThat(missing).as(test.getDisplayName() + " claims rules that never fired on the model (fired: " + exercised + ")")
                    .isEmpty();
        }
    }

    protected void usePageSize(int pageSize) {
        release();
        dev = recording(newDevice(pageSize));
        P = pageSize;
    }

    private AshmemDevice recording(AshmemDevice d) {
        if (d instanceof AshmemModel m) {
            exercised = exercised == null ? new TreeSet<>() : exercised;
            return new RecordingDevice(m);
        }
        return d;
    }

    private void release() {
        if (dev instanceof RecordingDevice r) {
            exercised.addAll(r.exercised());
        }
        dev.close();
    }

    /** An area of the given size, not yet mapped. */
    protected int area(long size) {
        int fd = dev.openHandle();
        assertThat(dev.ioctl(fd, new Command.SetSize(size))).isValue(0);
        return fd;
    }

    /** An area of the given size whose file exists (one shared read-write mapping of its first page). */
    protected int mapped(long size) {
        int fd = area(size);
        assertThat(dev.mmap(fd, P, RW, SHARED, 0)).isSuccess();
        return fd;
    }

    /** The id of a new mapping (fails the test when mmap fails). */
    protected int map(int fd, long length, int prot, boolean shared, long offset) {
        var r = dev.mmap(fd, length, prot, shared, offset);
        assertThat(r).isSuccess();
        return (int) ((Result.Value) r).value();
    }

    protected Result pin(int fd, long offset, long len) {
        return dev.ioctl(fd, Command.pin(offset, len));
    }

    protected Result unpin(int fd, long offset, long len) {
        return dev.ioctl(fd, Command.unpin(offset, len));
    }

    protected Result status(int fd, long offset, long len) {
        return dev.ioctl(fd, Command.pinStatus(offset, len));
    }

    /** Unpin whole pages [first, last], expecting success. */
    protected void unpinPages(int fd, long first, long last) {
        assertThat(unpin(fd, first * P, (last - first + 1) * P)).isValue(0);
    }

    protected DeviceSnapshot state() {
        return dev.snapshot();
    }

    protected static byte[] bytes(int n, int value) {
        var b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }
}
