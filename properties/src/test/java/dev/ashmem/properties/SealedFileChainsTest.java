package dev.ashmem.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.model.AreaSnapshot;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Exercises;
import dev.ashmem.model.Op;
import dev.ashmem.model.Prot;
import dev.ashmem.pbt.Action;
import dev.ashmem.pbt.Config;
import dev.ashmem.pbt.Pbt;
import dev.ashmem.pbt.Result;
import dev.ashmem.pbt.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sealed files in the differential chains. The reference implementation seals an area's memfd against writes
 * when its mask loses WRITE after the file exists (so no other process can map it writable), and from then on
 * purges zero pages through writable windows it kept instead of punching holes, which Linux refuses under a
 * write seal. A random chain rarely takes WRITE away from an area that has a file and then goes on writing
 * through an older mapping, purging, pinning, reading and seeking over it; the seal_file step does, and the
 * ordinary steps after it must keep agreeing with the model, which knows no seal: what the spec says of the
 * mask (PROT-SET, MMAP-MAY, MPROTECT-MAY) and of a purge (SHRINK-PUNCH, READ-DATA, SEEK-DATA, SEEK-HOLE).
 */
class SealedFileChainsTest {
    private static final String ACTION = "seal_file";

    private static List<AreaSnapshot> sealable(DevicePair pair) {
        return pair.state().areas().stream().filter(a -> a.hasFile() && (a.protMask() & Prot.WRITE) != 0).toList();
    }

    /** SET_PROT_MASK without WRITE (and, one time in four, without EXEC too) on an area whose file exists. */
    private static Object seal(DevicePair pair, Step step) {
        var areas = sealable(pair);
        var c = step.ctx().choices();
        var area = areas.get(c.drawIndex(areas.size()));
        int fd = area.handles().get(c.drawIndex(area.handles().size()));
        long mask = area.protMask() & ~Prot.WRITE & (c.weighted(0.25) ? ~Prot.EXEC : ~0L);
        var op = new Op.Ioctl(fd, new Command.SetProtMask(mask), Caller.APP);
        step.describe(op::toString);
        var outcome = pair.apply(op);
        outcome.rules().forEach(step::label);
        step.check(outcome.agrees(), "result agrees with the model",
                () -> op + ": model " + outcome.expected() + ", implementation " + outcome.actual());
        var difference = pair.difference();
        step.check(difference == null, "state agrees with the model", () -> op + ": " + difference);
        return outcome.expected();
    }

    @Exercises({"PROT-SET", "MMAP-MAY", "SHRINK-PUNCH", "READ-DATA", "SEEK-DATA", "SEEK-HOLE"})
    @Test
    void chainsThatSealFilesAgreeWithTheModel() {
        var machine = Differential.machine(OffHeapAshmem::new, 4096)
                .action(Action.<DevicePair>call(ACTION, SealedFileChainsTest::seal).weight(4).when(p -> !sealable(p).isEmpty()));
        var config = Config.defaults().withTries(150).withMaxSteps(60).withSystemProperties();
        var result = Pbt.check("sealed file chains", config.withPageSize(4096), machine::run);
        System.out.println(result.report());
        assertThat(result).as(result.report()).isInstanceOf(Result.Passed.class);
        // After a seal, purges of the sealed file and stores through mappings made before it happened.
        assertThat(result.statistics().labels()).containsKeys("action:" + ACTION, "SHRINK-PUNCH", "MEM-SHARED", "SEEK-HOLE");
    }
}
