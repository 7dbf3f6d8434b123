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

    /** The model behind the driver surface; a broken variant overrides one operation. */
    abstract static class ModelDevice implements AshmemDevice {
        final AshmemModel m = new AshmemModel(4096);

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
        @Override public Result store(int mapping, long offset, byte[] data) { return m.store(mapping, offset, data); }
        @Override public Result read(int fd, int count) { return m.read(fd, count); }
        @Override public Result llseek(int fd, long offset, int whence) { return m.llseek(fd, offset, whence); }
        @Override public long shrinkCount() { return m.shrinkCount(); }
        @Override public long shrinkScan(long nrToScan, boolean mayEnterFs) { return m.shrinkScan(nrToScan, mayEnterFs); }
        @Override public DeviceSnapshot snapshot() { return m.snapshot(); }
    }

    /** The model, except that a stored byte 0xA5 lands as 0x5A: only a store holding that one value shows it. */
    static final class OneByteBroken extends ModelDevice {
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

    /**
     * The model, except that a load reads byte 100 of a page wrong when it holds data (not 0): only a load of
     * that one byte after a store to it shows it, so a whole-page load must shrink to that byte.
     */
    static final class ByteHundredBroken extends ModelDevice {
        @Override
        public Result load(int mapping, long offset, int length) {
            var r = m.load(mapping, offset, length);
            if (!(r instanceof Result.Bytes b)) {
                return r;
            }
            var data = b.data().clone();
            for (int i = 0; i < data.length; i++) {
                if (Math.floorMod(offset + i, 4096L) == 100 && data[i] != 0) {
                    data[i] ^= 1;
                }
            }
            return new Result.Bytes(data);
        }
    }

    /** The minimal failing trace a drive report prints. */
    static dev.ashmem.trace.Trace shrunk(String text) {
        return TraceParser.parse("shrunk", text.substring(text.indexOf("# minimal failing sequence"), text.indexOf("\nminimal failing trace:")));
    }

    static Driver.Report drive(ProtocolServer server, long seed) {
        var o = new Driver.Options("in-process", null, seed, 200, Driver.DEFAULT_STEPS, Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(20), false, Set.of(), 1, AcceptedDifferences.NONE);
        return Driver.run(o, () -> new InProcessClient(server));
    }

    @Test
    void aDivergenceInOneLoadedByteShrinksToAOneByteLoad() {
        var server = new ProtocolServer(ByteHundredBroken::new, new Hello(Hello.VERSION, 4096, Profile.MAINLINE, "byte-100-broken"));
        for (long seed = 1; seed <= 5; seed++) {
            var r = drive(server, seed);
            long sd = seed;
            assertThat(r.found()).as(r.text()).isTrue();
            var lines = shrunk(r.text()).lines();
            var loads = lines.stream().map(l -> l.step()).filter(s -> s instanceof Step.Load).map(s -> (Step.Load) s).toList();
            assertThat(loads).as("seed %d\n%s", seed, r.text()).hasSize(1)
                    .allSatisfy(l -> assertThat(l.length()).as("seed %d: a 1-byte load\n%s", sd, r.text()).isEqualTo(1));
            System.out.println("seed " + seed + ": " + loads.stream().map(l -> l.length() + " bytes at " + l.offset()).toList()
                    + " loaded, in " + lines.size() + " steps");
        }
    }

    @Test
    void aDivergenceOnOneByteValueShrinksToAFewBytes() {
        var server = new ProtocolServer(OneByteBroken::new, new Hello(Hello.VERSION, 4096, Profile.MAINLINE, "one-byte-broken"));
        for (long seed = 1; seed <= 3; seed++) {
            var r = drive(server, seed);
            assertThat(r.found()).as(r.text()).isTrue();
            String text = r.text();
            var trace = shrunk(text);
            var stores = trace.lines().stream().map(l -> l.step()).filter(s -> s instanceof Step.Store).map(s -> (Step.Store) s).toList();
            var loads = trace.lines().stream().map(l -> l.step()).filter(s -> s instanceof Step.Load).map(s -> (Step.Load) s).toList();
            assertThat(stores).as("seed %d:\n%s", seed, text).isNotEmpty();
            assertThat(stores).as("seed %d: stores shrink to the byte that matters\n%s", seed, text)
                    .allSatisfy(s -> assertThat(s.data().length).isLessThanOrEqualTo(2));
            assertThat(stores).anySatisfy(s -> assertThat(s.data()).contains((byte) 0xA5));
            // a load shrinks too, even one of the whole data page the generator aims at (its steered path)
            assertThat(loads).as("seed %d\n%s", seed, text).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(2));
            System.out.println("seed " + seed + ": " + stores.stream().map(s -> s.data().length + " bytes").toList() + " stored, "
                    + loads.stream().map(l -> l.length() + " bytes").toList() + " loaded, in " + trace.lines().size() + " steps");
        }
    }
}
