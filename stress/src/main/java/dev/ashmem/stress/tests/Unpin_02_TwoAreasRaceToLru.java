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
    Initial state: area 0 with 1 mapped page, area 1 with 2 mapped pages, everything pinned. The setup, with the model's results:
        open -> 0
        ioctl 0 SET_SIZE 4096 -> 0
        mmap 0 4096 rw- shared 0 -> 1
        store 1 0 hex:41{4096} -> 0
        open -> 1
        ioctl 1 SET_SIZE 8192 -> 0
        mmap 1 8192 rw- shared 0 -> 2
        store 2 0 hex:41{8192} -> 0
    Actor unpinArea0: UNPIN(0, 0) on area 0 (1 page).
    Actor unpinArea1: UNPIN(0, 0) on area 1 (2 pages).

    How to run this test:
       $ ./ashmem stress --tests Unpin_02
 */
@JCStressTest
@Description("UNPIN on two areas at once (UNPIN-INSERT, CONC-MUTEX): both ranges join the LRU, lruCount is their sum, the LRU order is one of the serial orders.")
@Outcome(id = "u0=0, u1=0, lru=a0:0-0 a1:0-1, count=3", expect = ACCEPTABLE, desc = "Area 0's UNPIN went first: its range is the older one on the LRU.")
@Outcome(id = "u0=0, u1=0, lru=a1:0-1 a0:0-0, count=3", expect = ACCEPTABLE, desc = "Area 1's UNPIN went first: its range is the older one on the LRU.")
@Outcome(expect = FORBIDDEN, desc = "A range missing from the LRU, a count that is not 1 + 2, or a failed UNPIN: the two locked sections overlapped.")
@State
public class Unpin_02_TwoAreasRaceToLru {

    /** One fresh device per state, set up; the arbiter closes it. */
    private final Run run = Scenarios.UNPIN_02.start();

    @Actor
    public void unpinArea0() {
        run.act("u0 = ioctl 0 UNPIN 0 0");
    }

    @Actor
    public void unpinArea1() {
        run.act("u1 = ioctl 1 UNPIN 0 0");
    }

    @Arbiter
    public void arbiter(L_Result r) {
        r.r1 = run.finish();
    }
}
