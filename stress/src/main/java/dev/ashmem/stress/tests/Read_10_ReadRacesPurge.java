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
    Initial state: an area of 2 mapped pages of A, unpinned as one range. read: one character per page read; pages: the pages afterwards. The setup, with the model's results:
        open -> 0
        ioctl 0 SET_SIZE 8192 -> 0
        mmap 0 8192 rw- shared 0 -> 1
        store 1 0 hex:41{8192} -> 0
        ioctl 0 UNPIN 0 8192 -> 0
    Actor reader: read() of both pages.
    Actor scanner: shrinkScan(1): purges both pages.

    How to run this test:
       $ ./ashmem stress --tests Read_10
 */
@JCStressTest
@Description("read() against a purge of the same pages (READ-DATA, CONC-UNLOCKED): each page reads, whole, either its old data or zeros.")
@Outcome(id = "read=AA, scan=2, pages=00", expect = ACCEPTABLE, desc = "read() took both pages before the punch.")
@Outcome(id = "read=A0, scan=2, pages=00", expect = ACCEPTABLE, desc = "read() took page 0 before the punch, page 1 after it.")
@Outcome(id = "read=0A, scan=2, pages=00", expect = ACCEPTABLE, desc = "read() took page 1 before the punch, page 0 after it (a read's pages are not ordered).")
@Outcome(id = "read=00, scan=2, pages=00", expect = ACCEPTABLE, desc = "read() took both pages after the punch.")
@Outcome(id = "read=AA, scan=STOP, pages=AA", expect = ACCEPTABLE, desc = "The scan's trylock met read() holding the mutex (its checks or its position update): it gave up.")
@Outcome(expect = FORBIDDEN, desc = "No serial order gives this: a page read partly old and partly zero (X), or a punch that did not happen.")
@State
public class Read_10_ReadRacesPurge {

    /** One fresh device per state, set up; the arbiter closes it. */
    private final Run run = Scenarios.READ_10.start();

    @Actor
    public void reader() {
        run.act("read = read 0, 2 pages");
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
