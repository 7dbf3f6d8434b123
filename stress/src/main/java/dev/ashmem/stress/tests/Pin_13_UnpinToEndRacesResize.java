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
    Initial state: an area of size 8192, no file. The setup, with the model's results:
        open -> 0
        ioctl 0 SET_SIZE 8192 -> 0
    Actor resizeThenMap: SET_SIZE(4096), then the first mmap.
    Actor unpinToEnd: UNPIN(0, 0): from page 0 to the end.

    How to run this test:
       $ ./ashmem stress --tests Pin_13
 */
@JCStressTest
@Description("UNPIN \"to the end\" against SET_SIZE and the first mmap (PINARG-NOFILE, PINARG-LEN0 under the mutex): the range is computed from the size the file has.")
@Outcome(id = "unpin=EINVAL, ranges=none, count=0", expect = ACCEPTABLE, desc = "UNPIN before mmap: there is no file yet (PINARG-NOFILE).")
@Outcome(id = "unpin=0, ranges=0-0, count=1", expect = ACCEPTABLE, desc = "UNPIN after mmap: len 0 reaches the end of the 1-page file.")
@Outcome(id = "unpin=0, ranges=0-1, count=2", expect = FORBIDDEN, desc = "UNPIN computed 'to the end' from the old 2-page size, then acted on the file: checks outside the mutex (driver bug 3).")
@Outcome(expect = FORBIDDEN, desc = "No serial order gives this.")
@State
public class Pin_13_UnpinToEndRacesResize {

    /** One fresh device per state, set up; the arbiter closes it. */
    private final Run run = Scenarios.PIN_13.start();

    @Actor
    public void resizeThenMap() {
        run.act("set = ioctl 0 SET_SIZE 4096");
        run.act("map = mmap 0 4096 rw-");
    }

    @Actor
    public void unpinToEnd() {
        run.act("unpin = ioctl 0 UNPIN 0 0");
    }

    @Arbiter
    public void arbiter(L_Result r) {
        r.r1 = run.finish();
    }
}
