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
    Initial state: an area of size 4096, unnamed, no file. name: GET_NAME afterwards. The setup, with the model's results:
        open -> 0
        ioctl 0 SET_SIZE 4096 -> 0
    Actor setName: SET_NAME("race").
    Actor mmap: the first mmap, which creates the file.

    How to run this test:
       $ ./ashmem stress --tests Name_05
 */
@JCStressTest
@Description("SET_NAME against the first mmap (NAME-FILE, MMAP-FILE): an early SET_NAME names the area, a late one fails.")
@Outcome(id = "set=0, mmap=m1, name=race", expect = ACCEPTABLE, desc = "SET_NAME first: the area is named when mmap creates the file.")
@Outcome(id = "set=EINVAL, mmap=m1, name=dev/ashmem", expect = ACCEPTABLE, desc = "mmap first: the file exists, the late SET_NAME fails (NAME-FILE); the default name stays.")
@Outcome(id = "set=0, mmap=m1, name=dev/ashmem", expect = FORBIDDEN, desc = "SET_NAME succeeded but the name was lost.")
@Outcome(expect = FORBIDDEN, desc = "No serial order gives this.")
@State
public class Name_05_SetNameRacesFirstMmap {

    /** One fresh device per state, set up; the arbiter closes it. */
    private final Run run = Scenarios.NAME_05.start();

    @Actor
    public void setName() {
        run.act("set = ioctl 0 SET_NAME \"race\"");
    }

    @Actor
    public void mmap() {
        run.act("map = mmap 0 4096 rw-");
    }

    @Arbiter
    public void arbiter(L_Result r) {
        r.r1 = run.finish();
    }
}
