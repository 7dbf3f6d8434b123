package dev.ashmem.stress.tests;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.ashmem.stress.scenario.Run;
import dev.ashmem.stress.scenario.Scenarios;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.L_Result;

/*
    Initial state: an area of size 4096, no file. viewA/viewB: bytes 0-1 through each mapping afterwards. The setup, with the model's results:
        open -> 0
        ioctl 0 SET_SIZE 4096 -> 0
    Actor mapA: mmap, then writes A at byte 0 through it.
    Actor mapB: mmap, then writes B at byte 1 through it.

    How to run this test:
       $ ./ashmem stress --tests Mmap_06
 */
@JCStressTest
@Description("Two first mmaps at once (MMAP-FILE, MMAP-SHARED): exactly one backing file; each shared mapping sees the other's write.")
@Outcome(id = "a=m1, b=m2, viewA=AB, viewB=AB, files=4096", expect = ACCEPTABLE, desc = "Actor mapA's mmap went first and created the file; mapB's mmap shares it.")
@Outcome(id = "a=m2, b=m1, viewA=AB, viewB=AB, files=4096", expect = ACCEPTABLE, desc = "Actor mapB's mmap went first and created the file; mapA's mmap shares it.")
@Outcome(id = "a=m1, b=m2, viewA=A0, viewB=0B, files=4096 4096", expect = FORBIDDEN, desc = "Both mmaps created a file: the mappings do not share their writes.")
@Outcome(expect = FORBIDDEN, desc = "No serial order gives this: a second file, or a write one mapping does not see.")
@State
public class Mmap_06_TwoFirstMmapsRace {

    /** One fresh device per state, set up; the arbiter closes it. */
    private final Run run = Scenarios.MMAP_06.start();

    @Actor
    public void mapA() {
        run.act("mapA = mmap 0 4096 rw-");
        run.act("storeA = store mapA+0 A");
    }

    @Actor
    public void mapB() {
        run.act("mapB = mmap 0 4096 rw-");
        run.act("storeB = store mapB+1 B");
    }

    @Arbiter
    public void arbiter(L_Result r) {
        r.r1 = run.finish();
    }
}
