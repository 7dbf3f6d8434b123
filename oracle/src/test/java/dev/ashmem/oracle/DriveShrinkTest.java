package dev.ashmem.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.Result;
import dev.ashmem.oracle.protocol.AcceptedDifferences;
import dev.ashmem.oracle.protocol.Driver;
import dev.ashmem.oracle.protocol.Hello;
import dev.ashmem.oracle.protocol.InProcessClient;
import dev.ashmem.oracle.protocol.ProtocolServer;
import dev.ashmem.trace.Profile;
import dev.ashmem.trace.Step;
import dev.ashmem.trace.TraceParser;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** drive's shrinking minimises byte strings and lengths, not only the steps. */
class DriveShrinkTest {

    /** The model, except that a stored byte 0xA5 lands as 0x5A: only a store holding that one value shows it. */
    static final class OneByteBroken implements AshmemDevice {
        private final AshmemModel m = new AshmemModel(4096);

        @Override public int pageSize() { return m.pageSize(); }
        @Override public Result open() { return m.open(); }
        @Override public Result dup(int fd) { return m.dup(fd); }
        @Override public Result close(int fd) { return m.close(fd); }
        @Override public Result ioctl(int fd, Command cmd, Caller caller) { return m.ioctl(fd, cmd, caller); }
        @Override public Result mmap(int fd, long length, int prot, boolean shared, long offset, Caller caller) {
            return m.mmap(fd, length, prot, shared, offset, caller);
        }
        @Override public Result munmap(int mapping) { return m.munmap(mapping); }
        @Override public Result mprotect(int mapping, int prot, Caller caller) { return m.mprotect(mapping, prot, caller); }
        @Override public Result load(int mapping, long offset, int length) { return m.load(mapping, offset, length); }
        @Override public Result read(int fd, int count) { return m.read(fd, count); }
        @Override public Result llseek(int fd, long offset, int whence) { return m.llseek(fd, offset, whence); }
        @Override public long shrinkCount() { return m.shrinkCount(); }
        @Override public long shrinkScan(long nrToScan, boolean mayEnterFs) { return m.shrinkScan(nrToScan, mayEnterFs); }
        @Override public DeviceSnapshot snapshot() { return m.snapshot(); }

        @Override
        public Result store(int mapping, long offset, byte[] data) {
            var copy = data.clone();
            for (int i = 0; i < copy.length; i++) {
                if (copy[i] == (byte) 0xA5) {
                    copy[i] = 0x5A;
                }
            }
            return m.store(mapping, offset, copy);
        }
    }

    @Test
    void aDivergenceOnOneByteValueShrinksToAFewBytes() {
        var server = new ProtocolServer(OneByteBroken::new, new Hello(Hello.VERSION, 4096, Profile.MAINLINE, "one-byte-broken"));
        for (long seed = 1; seed <= 3; seed++) {
            var o = new Driver.Options("in-process", null, seed, 200, Driver.DEFAULT_STEPS, Duration.ofSeconds(5), Duration.ofSeconds(1),
                    Duration.ofSeconds(20), false, Set.of(), 1, AcceptedDifferences.NONE);
            var r = Driver.run(o, () -> new InProcessClient(server));
            assertThat(r.found()).as(r.text()).isTrue();
            String text = r.text();
            var trace = TraceParser.parse("shrunk", text.substring(text.indexOf("# minimal failing sequence"), text.indexOf("\nminimal failing trace:")));
            var stores = trace.lines().stream().map(l -> l.step()).filter(s -> s instanceof Step.Store).map(s -> (Step.Store) s).toList();
            var loads = trace.lines().stream().map(l -> l.step()).filter(s -> s instanceof Step.Load).map(s -> (Step.Load) s).toList();
            assertThat(stores).as("seed %d:\n%s", seed, text).isNotEmpty();
            assertThat(stores).as("seed %d: stores shrink to the byte that matters\n%s", seed, text)
                    .allSatisfy(s -> assertThat(s.data().length).isLessThanOrEqualTo(2));
            assertThat(stores).anySatisfy(s -> assertThat(s.data()).contains((byte) 0xA5));
            // a load may stay the whole data page the generator aims at (its steered path), never more
            assertThat(loads).as("seed %d\n%s", seed, text).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(4096));
            System.out.println("seed " + seed + ": " + stores.stream().map(s -> s.data().length + " bytes").toList() + " stored, "
                    + loads.stream().map(l -> l.length() + " bytes").toList() + " loaded, in " + trace.lines().size() + " steps");
        }
    }
}
