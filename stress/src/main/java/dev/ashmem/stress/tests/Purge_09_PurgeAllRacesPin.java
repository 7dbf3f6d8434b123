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
    Initial state: an area of 2 mapped pages of A, both unpinned as one range. pages: the start of each page afterwards. The setup, with the model's results:
        open -> 0
        ioctl 0 SET_SIZE 8192 -> 0
        mmap 0 8192 rw- shared 0 -> 1
        store 1 0 hex:41{8192} -> 0
        ioctl 0 UNPIN 0 8192 -> 0
    Actor purgeAll: PURGE_ALL_CACHES (CAP_SYS_ADMIN).
    Actor pinner: PIN page 0, then writes B at its start.

    How to run this test:
       $ ./ashmem stress --tests Purge_09
 */
@JCStressTest
@Description("PURGE_ALL_CACHES against PIN (PURGE-RET, PURGE-SCAN, CONC-INFLIGHT): the pinned page keeps the write made after PIN; the rest may be purged.")
@Outcome(id = "purge=1, pin=NOT_PURGED, pages=B0, ranges=1-1P, count=0", expect = ACCEPTABLE, desc = "PIN first cut the range to page 1; PURGE read lruCount 1 and purged page 1.")
@Outcome(id = "purge=1, pin=NOT_PURGED, pages=BA, ranges=1-1, count=1", expect = ACCEPTABLE, desc = "PIN cut the range to page 1; PURGE read lruCount 1 before PIN unlocked, so its scan's trylock failed.")
@Outcome(id = "purge=2, pin=NOT_PURGED, pages=B0, ranges=1-1P, count=0", expect = ACCEPTABLE, desc = "PURGE read lruCount 2, then PIN cut the range, then the scan purged page 1.")
@Outcome(id = "purge=2, pin=NOT_PURGED, pages=BA, ranges=1-1, count=1", expect = ACCEPTABLE, desc = "PURGE read lruCount 2; its scan's trylock met PIN holding the mutex and gave up; page 1 stays on the LRU.")
@Outcome(id = "purge=2, pin=WAS_PURGED, pages=B0, ranges=1-1P, count=0", expect = ACCEPTABLE, desc = "The scan purged pages 0-1 first; PIN waited for the punch and reported WAS_PURGED; the write after PIN survived.")
@Outcome(id = "purge=2, pin=WAS_PURGED, pages=00, ranges=1-1P, count=0", expect = FORBIDDEN, desc = "PIN went ahead while the punch was in flight; the punch wiped the write made after PIN (driver bug 6).")
@Outcome(expect = FORBIDDEN, desc = "No serial order gives this.")
@State
public class Purge_09_PurgeAllRacesPin {

    /** One fresh device per state, set up; the arbiter closes it. */
    private final Run run = Scenarios.PURGE_09.start();

    @Actor
    public void purgeAll() {
        run.act("purge = ioctl 0 PURGE_ALL_CACHES [cap]");
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
