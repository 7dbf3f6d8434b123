package dev.ashmem.stress.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.impl.PendingPunch;
import dev.ashmem.model.MappingSnapshot;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The stress tests' pool ({@link RunPool}): a run reset after its actors starts exactly like a freshly
 * set-up one (same device state, same slots, then the same outcome and state after the actors run
 * again, in either order), and a run whose actors made a mapping or a file is refused and closed.
 */
class PooledRunsStartLikeFreshOnesTest {
    static final List<Scenario> SCENARIOS = Scenarios.ALL;
    private static final int[][] ORDERS = {{0, 1}, {1, 0}};

    @ParameterizedTest(name = "{0}")
    @FieldSource("SCENARIOS")
    void aResetRunIsAFreshRun(Scenario scenario) {
        var pooled = scenario.start(new ImplTarget(new OffHeapAshmem(scenario.pageSize())));
        try {
            var target = (ImplTarget) pooled.target();
            assertThat(target.keepForReuse()).as("the setup's state can be kept").isTrue();
            pooled.pooledIn(RunPool.of(scenario)); // keeps the setup's slots (finish() is never called here)
            var setUp = shape(pooled);
            // With a punch left in flight (Pin_01) only the scanner can go first: the pinner waits for it.
            int orders = target.inflight() == 0 ? 2 : 1;
            String outcome = runActors(pooled, ORDERS[0]);
            for (int round = 0; round < 4; round++) {
                boolean sameShape = shape(pooled).equals(setUp);
                assertThat(target.reset()).as("reset after %s (mappings and files as after setup: %s)", outcome, sameShape)
                        .isEqualTo(sameShape);
                if (!sameShape) {
                    return;
                }
                pooled.resetSlots();
                try (var fresh = scenario.start(new ImplTarget(new OffHeapAshmem(scenario.pageSize())))) {
                    assertThat(view(pooled)).as("round %d: reset against fresh", round).isEqualTo(view(fresh));
                    var order = ORDERS[(round + 1) % orders];
                    outcome = runActors(pooled, order);
                    assertThat(outcome).as("round %d: outcome", round).isEqualTo(runActors(fresh, order));
                    assertThat(view(pooled)).as("round %d: after the actors", round).isEqualTo(view(fresh));
                }
            }
        } finally {
            pooled.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("SCENARIOS")
    void theArbiterHandsTheRunToTheNextState(Scenario scenario) {
        var first = scenario.start();
        runActors(first, ORDERS[0]);
        boolean sameShape = shape(first).equals(setUpShape(scenario));
        first.finish();
        var next = scenario.start();
        try {
            assertThat(next == first).as("the next state reuses the run (mappings and files as after setup: %s)", sameShape)
                    .isEqualTo(sameShape);
        } finally {
            next.close();
        }
    }

    private static List<?> setUpShape(Scenario scenario) {
        try (var run = scenario.start(new ImplTarget(new OffHeapAshmem(scenario.pageSize())))) {
            return shape(run);
        }
    }

    /** The actors one after the other, then the arbiter's observation (without closing anything). */
    private static String runActors(Run run, int[] order) {
        for (int actor : order) {
            run.actor(actor);
        }
        return scenario(run).outcome().apply(run);
    }

    private static Scenario scenario(Run run) {
        return run.scenario();
    }

    /** The mappings and files: a reset needs them as the setup left them. */
    private static List<?> shape(Run run) {
        var s = run.device().snapshot();
        return List.of(s.mappings().stream().map(MappingSnapshot::id).toList(), s.files().size());
    }

    /**
     * Everything the actors and the arbiter can see: the snapshot, the handles, the punches in flight,
     * the bytes of every data page behind every mapping, and the slots (a punch by its extent).
     */
    private static List<Object> view(Run run) {
        var d = (OffHeapAshmem) run.device();
        var snapshot = d.snapshot();
        var out = new ArrayList<Object>(List.of(snapshot, d.handleIds(), d.inflight()));
        for (var m : snapshot.mappings()) {
            var seg = d.mappingView(m.id()).orElseThrow().segment();
            for (var f : snapshot.files()) {
                for (long page : f.area() == m.area() ? f.dataPages() : List.<Long>of()) {
                    if ((page + 1) * run.scenario().pageSize() <= seg.byteSize()) {
                        var slice = seg.asSlice(page * run.scenario().pageSize(), run.scenario().pageSize());
                        out.add(m.id() + "@" + page + "=" + Arrays.hashCode(slice.toArray(ValueLayout.JAVA_BYTE)));
                    }
                }
            }
        }
        for (var slot : run.scenario().slotNames()) {
            out.add(slot + "=" + (run.get(slot) instanceof Target.Punch(PendingPunch p, long pages)
                    ? List.of(p.area(), p.start(), p.end(), pages, p.file() != null) : run.get(slot)));
        }
        return out;
    }
}
