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
    Initial state: one mapped page full of A, unpinned; the scan has marked it purged and dropped the mutex (SHRINK-MARK). The setup, with the model's results:
        open -> 0
        ioctl 0 SET_SIZE 4096 -> 0
        mmap 0 4096 rw- shared 0 -> 1
        store 1 0 hex:41{4096} -> 0
        ioctl 0 UNPIN 0 4096 -> 0
        shrink_mark 0 -> 1
    Actor scanner: finishes the punch the setup left in flight, then releases it.
    Actor pinner: PIN(0, 4096), then writes B at the start of page 0.

    How to run this test:
       $ ./ashmem stress --tests Pin_01
 */
@JCStressTest
@Description("PIN against a hole punch already in flight (CONC-INFLIGHT): PIN waits for it, so data written after PIN returns is never lost.")
@Outcome(id = "pin=WAS_PURGED, page=B", expect = ACCEPTABLE, desc = "PIN waited for the punch in flight, found the range purged; the write after PIN survived.")
@Outcome(id = "pin=WAS_PURGED, page=0", expect = FORBIDDEN, desc = "PIN went ahead while the punch was in flight; the late punch wiped the write made after PIN (driver bug 6).")
@Outcome(id = "pin=NOT_PURGED, page=B", expect = FORBIDDEN, desc = "PIN missed a purge that was marked before it started.")
@Outcome(expect = FORBIDDEN, desc = "No serial order gives this: a torn write (X), or a PIN result the steps cannot explain.")
@State
public class Pin_01_RacesInFlightPunch {

    /** One fresh device per state, set up; the arbiter closes it. */
    private final Run run = Scenarios.PIN_01.start();

    @Actor
    public void scanner() {
        run.act("punch in flight");
    }

    @Actor
    public void pinner() {
        run.act("pin = ioctl 0 PIN 0 4096");
        run.act("store = store m1+0 B");
    }

    @Arbiter
    public void arbiter(L_Result r) {
        r.r1 = run.finish();
    }
}
