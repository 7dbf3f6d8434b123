package dev.ashmem.properties;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.generator.OpGenerator;
import dev.ashmem.generator.OpKind;
import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Exercises;
import dev.ashmem.model.Op;
import dev.ashmem.pbt.Action;
import dev.ashmem.pbt.Config;
import dev.ashmem.pbt.Pbt;
import dev.ashmem.pbt.Result;
import dev.ashmem.pbt.Step;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * The reference implementation's libcutils-style API ({@code ashmem_create_region}, pin, unpin, pin status, prot,
 * size, valid, close, and the Region and RegionMapping handles over them) in the differential chains: the
 * implementation is driven through {@link CutilsApiDevice}, the model through the driver operations each call
 * stands for, and the results and the whole state must agree after every step.
 */
class CutilsApiChainsTest {
    private static final String ACTION = "cutils_create_region";
    /** Names a create draws: plain, empty, and one longer than the driver keeps (NAME-TRUNC). */
    private static final String[] NAMES = {"cutils", "", "r".repeat(300), "dalvik-heap"};

    /** ashmem_create_region(name, size): open, SET_NAME, SET_SIZE on the model, Region.create on the implementation. */
    private static Object create(DevicePair pair, Step step) {
        var c = step.ctx().choices();
        var adapter = (CutilsApiDevice) pair.impl();
        String name = NAMES[c.drawIndex(NAMES.length)];
        long size = pair.pageSize() * (1 + c.draw(7));
        if (c.weighted(0.3) && OpGenerator.draw(OpKind.SET_SIZE, c, pair.state()) instanceof Op.Ioctl i
                && i.cmd() instanceof Command.SetSize s) {
            size = s.size(); // the generator's sizes: odd, huge, 0
        }
        adapter.createNext(name, size);
        var steps = new ArrayList<String>();
        var open = pair.apply(new Op.Open());
        steps.add("open -> " + open.expected());
        boolean agrees = open.agrees();
        if (agrees && open.expected() instanceof dev.ashmem.model.Result.Value v) {
            int fd = (int) v.value();
            for (var cmd : new Command[] {Command.SetName.of(name), new Command.SetSize(size)}) {
                var outcome = pair.apply(new Op.Ioctl(fd, cmd, Caller.APP));
                steps.add(cmd + " -> " + outcome.expected());
                outcome.rules().forEach(step::label);
                agrees &= outcome.agrees();
            }
        }
        step.describe(() -> String.join("; ", steps));
        step.check(agrees, "result agrees with the model", () -> String.join("; ", steps) + ": implementation " + open.actual());
        var difference = pair.difference();
        step.check(difference == null, "state agrees with the model", () -> "create: " + difference);
        return open.expected();
    }

    @Exercises({"OPEN-AREA", "NAME-SET", "NAME-TRUNC", "PIN-RET", "STATUS-RET", "PROT-SET", "CLOSE-MAPPINGS"})
    @Test
    void theCutilsApiAgreesWithTheModel() {
        long regionBefore = CutilsApiDevice.THROUGH_REGION.get();
        long functionsBefore = CutilsApiDevice.THROUGH_FUNCTIONS.get();
        var machine = Differential.machine(p -> new CutilsApiDevice(new OffHeapAshmem(p)), 4096)
                .action(Action.<DevicePair>call(ACTION, CutilsApiChainsTest::create).weight(6)
                        .when(p -> OpKind.OPEN.enabled(p.state())));
        var config = Config.defaults().withTries(150).withMaxSteps(60).withSystemProperties();
        var result = Pbt.check("cutils API chains", config.withPageSize(4096), machine::run);
        System.out.println(result.report());
        assertThat(result).as(result.report()).isInstanceOf(Result.Passed.class);
        assertThat(result.statistics().labels()).containsKeys("action:" + ACTION, "NAME-TRUNC");
        assertThat(CutilsApiDevice.THROUGH_REGION.get() - regionBefore).as("calls through Region").isPositive();
        assertThat(CutilsApiDevice.THROUGH_FUNCTIONS.get() - functionsBefore).as("calls through Ashmem").isPositive();
    }
}
