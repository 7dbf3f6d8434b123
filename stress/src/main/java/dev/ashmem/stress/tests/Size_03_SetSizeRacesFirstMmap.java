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
    Initial state: an area of size 8192, no file yet. tail: the first bytes of the mapping's second page. The setup, with the model's results:
        open -> 0
        ioctl 0 SET_SIZE 8192 -> 0
    Actor setSize: SET_SIZE(4096).
    Actor mmap: mmap of 8192 bytes, shared, read-write.

    How to run this test:
       $ ./ashmem stress --tests Size_03
 */
@JCStressTest
@Description("SET_SIZE against the first mmap (SIZE-FILE, MMAP-SIZE, CVE-2017-13216): the file gets one size, a late SET_SIZE fails, a mapping never reaches past the size.")
@Outcome(id = "set=0, mmap=EINVAL, size=4096, file=none, tail=none", expect = ACCEPTABLE, desc = "SET_SIZE first: the 2-page mmap is longer than the 1-page size (MMAP-SIZE), no file is created.")
@Outcome(id = "set=EINVAL, mmap=m1, size=8192, file=8192, tail=0", expect = ACCEPTABLE, desc = "mmap first: the file got the 2-page size; the late SET_SIZE fails (SIZE-FILE); page 1 reads zeros.")
@Outcome(id = "set=0, mmap=m1, size=4096, file=8192, tail=0", expect = FORBIDDEN, desc = "SET_SIZE changed the size after the file existed: the mapping reaches past the size (CVE-2017-13216).")
@Outcome(expect = FORBIDDEN, desc = "No serial order gives this.")
@State
public class Size_03_SetSizeRacesFirstMmap {

    /** One fresh device per state, set up; the arbiter closes it. */
    private final Run run = Scenarios.SIZE_03.start();

    @Actor
    public void setSize() {
        run.act("set = ioctl 0 SET_SIZE 4096");
    }

    @Actor
    public void mmap() {
        run.act("map = mmap 0 8192 rw-");
    }

    @Arbiter
    public void arbiter(L_Result r) {
        r.r1 = run.finish();
    }
}
