package dev.ashmem.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Op;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import dev.ashmem.pbt.Config;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The per-step comparison reads only the bytes a step can have changed (Footprint); these show it sees
 * a wrong byte where the step wrote, and that a byte an implementation changes elsewhere still fails
 * the run, through the comparison of every byte every {@link DevicePair#FULL_EVERY} steps and at the
 * end of a chain.
 */
class FootprintTest {
    private static final int P = 4096;

    /** A pair with one area of two pages, mapped shared read-write; no comparison made yet. */
    private static DevicePair mappedPair(AshmemDevice impl) {
        var pair = new DevicePair(new AshmemModel(P), impl);
        int fd = (int) ((Result.Value) pair.apply(new Op.Open()).expected()).value();
        pair.apply(new Op.Ioctl(fd, new Command.SetSize(2 * P), Caller.APP));
        var mmap = pair.apply(new Op.Mmap(fd, 2 * P, Prot.READ | Prot.WRITE, true, 0, Caller.APP));
        assertThat(mmap.agrees()).isTrue();
        assertThat(pair.state().mappings()).hasSize(1);
        return pair;
    }

    /** Runs {@code op} and compares what it can have changed, as the differential suite's step does. */
    private static String step(DevicePair pair, Op op) {
        var before = pair.state();
        var outcome = pair.apply(op);
        assertThat(outcome.agrees()).as("%s: model %s, implementation %s", op, outcome.expected(), outcome.actual()).isTrue();
        return pair.difference(Footprint.of(op, before, pair.state()));
    }

    @Test
    void aWrongByteWhereAStoreWroteIsSeenAtThatStep() {
        UnaryOperator<byte[]> dropsTheLastByte = d -> d.length == 0 ? d : java.util.Arrays.copyOf(d, d.length - 1);
        try (var pair = mappedPair(new StoreTamperingDevice(P, dropsTheLastByte, false))) {
            var d = step(pair, new Op.Store(pair.state().mappings().getFirst().id(), 100, new byte[] {1, 2, 3}));
            assertThat(d).as("the store's own bytes are in its footprint").isNotNull().startsWith("content of area 0 from byte 100 differs");
        }
    }

    @Test
    void aByteChangedOutsideTheFootprintIsCaughtByThePeriodicFullComparison() {
        try (var pair = mappedPair(new StoreTamperingDevice(P, d -> d, true))) {
            // the store writes [100, 103) and, silently, byte 103: outside what the step compares
            assertThat(step(pair, new Op.Store(pair.state().mappings().getFirst().id(), 100, new byte[] {1, 2, 3}))).isNull();
            assertThat(pair.difference()).as("the full comparison sees it").contains("content of area 0 differs");
            // the full comparison above restarted the count: FULL_EVERY - 1 steps later the periodic one sees it
            var harmless = new Op.Ioctl(pair.state().areas().getFirst().handles().getFirst(), new Command.GetSize(), Caller.APP);
            for (int i = 1; i < DevicePair.FULL_EVERY; i++) {
                assertThat(step(pair, harmless)).as("step %d after the full comparison", i).isNull();
            }
            assertThat(step(pair, harmless)).as("the periodic full comparison").contains("content of area 0 differs");
        }
    }

    @Test
    void theDifferentialSuiteCatchesAByteChangedOutsideEveryFootprint() {
        var config = Config.defaults().withTries(300).withMaxSteps(60).withSeed(20261206L).withDatabase(null).withMaxShrinks(500);
        var result = Differential.check("silent write after each store", p -> new StoreTamperingDevice(p, d -> d, true), P, config);
        assertThat(result).isInstanceOf(dev.ashmem.pbt.Result.Failed.class);
        assertThat(result.report()).contains("state agrees with the model").contains("differs");
    }
}
