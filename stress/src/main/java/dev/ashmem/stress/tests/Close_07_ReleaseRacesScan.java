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
    Initial state: areas 0 and 1, one mapped page of A each, both unpinned; area 0's range is the LRU head. a0/a1: each area's page through its mapping afterwards. The setup, with the model's results:
        open -> 0
        ioctl 0 SET_SIZE 4096 -> 0
        mmap 0 4096 rw- shared 0 -> 1
        store 1 0 hex:41{4096} -> 0
        open -> 1
        ioctl 1 SET_SIZE 4096 -> 0
        mmap 1 4096 rw- shared 0 -> 2
        store 2 0 hex:41{4096} -> 0
        ioctl 0 UNPIN 0 4096 -> 0
        ioctl 1 UNPIN 0 4096 -> 0
    Actor close: close of area 0's only handle.
    Actor scanner: shrinkScan(1): purges the LRU head.

    How to run this test:
       $ ./ashmem stress --tests Close_07
 */
@JCStressTest
@Description("The last close against a scan (CLOSE-RELEASE, CONC-PUNCH-UNLOCKED): nothing of the released area is purged afterwards; lruCount matches the LRU.")
@Outcome(id = "scan=1, a0=A, a1=0, lru=none, count=0", expect = ACCEPTABLE, desc = "close first: area 0's range left the LRU, so the scan purged area 1.")
@Outcome(id = "scan=1, a0=0, a1=A, lru=a1:0-0, count=1", expect = ACCEPTABLE, desc = "The scan marked area 0's range first; its punch completed on the file the scan kept, before or after close.")
@Outcome(id = "scan=STOP, a0=A, a1=A, lru=a1:0-0, count=1", expect = ACCEPTABLE, desc = "The scan's trylock met close holding the mutex: it gave up (SHRINK-TRYLOCK).")
@Outcome(id = "scan=1, a0=0, a1=0, lru=none, count=0", expect = FORBIDDEN, desc = "Both areas purged by a scan of one range: the released area's range was still on the LRU.")
@Outcome(expect = FORBIDDEN, desc = "No serial order gives this: a purge of the released area after close, or an lruCount that does not match the LRU.")
@State
public class Close_07_ReleaseRacesScan {

    /** One fresh device per state, set up; the arbiter closes it. */
    private final Run run = Scenarios.CLOSE_07.start();

    @Actor
    public void close() {
        run.act("close = close 0");
    }

    @Actor
    public void scanner() {
        run.act("scan = shrink_scan 1");
    }

    @Arbiter
    public void arbiter(L_Result r) {
        r.r1 = run.finish();
    }
}
