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
    Setup: area 0 with 1 mapped page, area 1 with 2 mapped pages, everything pinned.
    Actor unpinArea0: UNPIN(0, 0) on area 0 (1 page).
    Actor unpinArea1: UNPIN(0, 0) on area 1 (2 pages).
    Each actor names its operations as its scenario does ("slot = operation"; ActorsNameTheirScenarioTest
    checks them); the operations and the outcome text are Scenarios.UNPIN_02; the acceptable outcomes are exactly
    what the model gives over all serial orders of their steps (DeclaredOutcomesTest).

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
