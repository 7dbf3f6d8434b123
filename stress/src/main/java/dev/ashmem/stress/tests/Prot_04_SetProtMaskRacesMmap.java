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
    Initial state: an area of size 4096, mask rwx, no file. write: a store through the mapping afterwards. The setup, with the model's results:
        open -> 0
        ioctl 0 SET_SIZE 4096 -> 0
    Actor setMask: SET_PROT_MASK(READ).
    Actor mapThenProtect: mmap read-only, then mprotect to read-write.

    How to run this test:
       $ ./ashmem stress --tests Prot_04
 */
@JCStressTest
@Description("SET_PROT_MASK against mmap (PROT-SUBSET, MMAP-MAY, MPROTECT-MAY): the results match a serial order; no writable mapping once a mask without WRITE took effect first.")
@Outcome(id = "mask=0, mmap=m1, mprotect=0, write=0, maskNow=r--", expect = ACCEPTABLE, desc = "mmap first: the mapping may gain any right of the mask it was made under (rwx), so mprotect adds WRITE; the later mask does not reach it.")
@Outcome(id = "mask=0, mmap=m1, mprotect=EACCES, write=SIGSEGV, maskNow=r--", expect = ACCEPTABLE, desc = "SET_PROT_MASK first: the read-only mapping may never become writable (MMAP-MAY).")
@Outcome(id = "mask=0, mmap=m1, mprotect=0, write=0, maskNow=rw-", expect = FORBIDDEN, desc = "The mask kept WRITE: SET_PROT_MASK was lost.")
@Outcome(expect = FORBIDDEN, desc = "No serial order gives this: a writable mapping made after the mask took effect, or a lost mask.")
@State
public class Prot_04_SetProtMaskRacesMmap {

    /** One fresh device per state, set up; the arbiter closes it. */
    private final Run run = Scenarios.PROT_04.start();

    @Actor
    public void setMask() {
        run.act("mask = ioctl 0 SET_PROT_MASK r--");
    }

    @Actor
    public void mapThenProtect() {
        run.act("map = mmap 0 4096 r--");
        run.act("mprotect = mprotect map rw-");
    }

    @Arbiter
    public void arbiter(L_Result r) {
        r.r1 = run.finish();
    }
}
