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
    Initial state: an area of 2 mapped pages, all pinned. The setup, with the model's results:
        open -> 0
        ioctl 0 SET_SIZE 8192 -> 0
        mmap 0 8192 rw- shared 0 -> 1
        store 1 0 hex:41{8192} -> 0
    Actor unpinThenPin: UNPIN pages 0-1, then PIN page 1.
    Actor status: GET_PIN_STATUS of page 1, then of page 0.

    How to run this test:
       $ ./ashmem stress --tests Status_08
 */
@JCStressTest
@Description("PIN and UNPIN against GET_PIN_STATUS on overlapping ranges (STATUS-WALK, CONC-MUTEX): each status sees an UNPIN or PIN whole or not at all.")
@Outcome(id = "s1=PINNED, s0=PINNED, pin=NOT_PURGED, ranges=0-0", expect = ACCEPTABLE, desc = "Both statuses ran before UNPIN.")
@Outcome(id = "s1=PINNED, s0=UNPINNED, pin=NOT_PURGED, ranges=0-0", expect = ACCEPTABLE, desc = "Page 1's status before UNPIN (or after PIN), page 0's after UNPIN.")
@Outcome(id = "s1=UNPINNED, s0=UNPINNED, pin=NOT_PURGED, ranges=0-0", expect = ACCEPTABLE, desc = "Page 1's status between UNPIN and PIN, page 0's after UNPIN.")
@Outcome(id = "s1=UNPINNED, s0=PINNED, pin=NOT_PURGED, ranges=0-0", expect = FORBIDDEN, desc = "Page 1 seen unpinned, then page 0 seen pinned: the UNPIN of pages 0-1 was not atomic.")
@Outcome(expect = FORBIDDEN, desc = "No serial order gives this.")
@State
public class Status_08_PinUnpinRaceStatus {

    /** One fresh device per state, set up; the arbiter closes it. */
    private final Run run = Scenarios.STATUS_08.start();

    @Actor
    public void unpinThenPin() {
        run.act("unpin = ioctl 0 UNPIN 0 8192");
        run.act("pin = ioctl 0 PIN 4096 4096");
    }

    @Actor
    public void status() {
        run.act("s1 = ioctl 0 GET_PIN_STATUS 4096 4096");
        run.act("s0 = ioctl 0 GET_PIN_STATUS 0 4096");
    }

    @Arbiter
    public void arbiter(L_Result r) {
        r.r1 = run.finish();
    }
}
