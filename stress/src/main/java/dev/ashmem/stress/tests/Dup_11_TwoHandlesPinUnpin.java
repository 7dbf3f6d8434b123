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
    Initial state: an area of 3 mapped pages, handle 1 a dup of handle 0, pages 1-2 unpinned. The setup, with the model's results:
        open -> 0
        ioctl 0 SET_SIZE 12288 -> 0
        mmap 0 12288 rw- shared 0 -> 1
        store 1 0 hex:41{12288} -> 0
        dup 0 -> 1
        ioctl 0 UNPIN 4096 8192 -> 0
    Actor unpinViaHandle0: UNPIN pages 0-1 through handle 0.
    Actor pinViaHandle1: PIN pages 1-2 through handle 1.

    How to run this test:
       $ ./ashmem stress --tests Dup_11
 */
@JCStressTest
@Description("Two handles of one area (DUP-HANDLE) pin and unpin overlapping ranges of its one unpinned list (UNPIN-MERGE, PIN-CASE-3).")
@Outcome(id = "unpin=0, pin=NOT_PURGED, ranges=0-0, lru=a0:0-0, count=1", expect = ACCEPTABLE, desc = "UNPIN first merged pages 0-2; PIN then cut pages 1-2 off its end.")
@Outcome(id = "unpin=0, pin=NOT_PURGED, ranges=0-1, lru=a0:0-1, count=2", expect = ACCEPTABLE, desc = "PIN first removed pages 1-2; UNPIN then inserted pages 0-1.")
@Outcome(expect = FORBIDDEN, desc = "No serial order gives this: the handles did not share the area's list, or the walks overlapped.")
@State
public class Dup_11_TwoHandlesPinUnpin {

    /** One fresh device per state, set up; the arbiter closes it. */
    private final Run run = Scenarios.DUP_11.start();

    @Actor
    public void unpinViaHandle0() {
        run.act("unpin = ioctl 0 UNPIN 0 8192");
    }

    @Actor
    public void pinViaHandle1() {
        run.act("pin = ioctl 1 PIN 4096 8192");
    }

    @Arbiter
    public void arbiter(L_Result r) {
        r.r1 = run.finish();
    }
}
