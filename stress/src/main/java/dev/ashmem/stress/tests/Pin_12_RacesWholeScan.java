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
    Initial state: one mapped page of A, unpinned. The setup, with the model's results:
        open -> 0
        ioctl 0 SET_SIZE 4096 -> 0
        mmap 0 4096 rw- shared 0 -> 1
        store 1 0 hex:41{4096} -> 0
        ioctl 0 UNPIN 0 4096 -> 0
    Actor scanner: shrinkScan(1).
    Actor pinner: PIN(0, 4096), then writes B at the start of page 0.

    How to run this test:
       $ ./ashmem stress --tests Pin_12
 */
@JCStressTest
@Description("PIN against a whole scan (CONC-INFLIGHT, SHRINK-TRYLOCK): PIN reports WAS_PURGED exactly when the scan purged the range first, and the write after PIN survives.")
@Outcome(id = "pin=NOT_PURGED, scan=0, page=B", expect = ACCEPTABLE, desc = "PIN first took the range off the LRU; the scan found the LRU empty.")
@Outcome(id = "pin=NOT_PURGED, scan=STOP, page=B", expect = ACCEPTABLE, desc = "The scan's trylock met PIN holding the mutex: it gave up.")
@Outcome(id = "pin=WAS_PURGED, scan=1, page=B", expect = ACCEPTABLE, desc = "The scan marked the range first; PIN waited for its punch and reported WAS_PURGED; the write after PIN survived.")
@Outcome(id = "pin=WAS_PURGED, scan=1, page=0", expect = FORBIDDEN, desc = "PIN went ahead while the punch was in flight; the late punch wiped the write made after PIN (driver bug 6).")
@Outcome(id = "pin=NOT_PURGED, scan=1, page=B", expect = FORBIDDEN, desc = "The scan purged the range but PIN reported NOT_PURGED.")
@Outcome(expect = FORBIDDEN, desc = "No serial order gives this.")
@State
public class Pin_12_RacesWholeScan {

    /** One fresh device per state, set up; the arbiter closes it. */
    private final Run run = Scenarios.PIN_12.start();

    @Actor
    public void scanner() {
        run.act("scan = shrink_scan 1");
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
