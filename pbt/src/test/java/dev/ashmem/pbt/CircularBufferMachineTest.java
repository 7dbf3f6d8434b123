package dev.ashmem.pbt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.pbt.CircularBuffer.Bug;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The state-machine textbook target (the bounded queue of the QuickCheck state-machine literature): a
 * naive model next to the implementation, one property per bug, each of which must fail and shrink to
 * the known minimal chain.
 */
class CircularBufferMachineTest {

    /** Model and implementation side by side. */
    static final class Sut {
        final Set<Bug> bugs;
        CircularBuffer impl;
        int capacity;
        final ArrayDeque<Integer> model = new ArrayDeque<>();

        Sut(Set<Bug> bugs) {
            this.bugs = bugs;
        }
    }

    static StateMachine<Sut> machine(Set<Bug> bugs) {
        return StateMachine.of(() -> new Sut(bugs))
                .action(Action.<Sut>run("new", (s, step) -> {
                    s.capacity = step.drawInt(Gens.ints(1, 8));
                    s.impl = new CircularBuffer(s.capacity, s.bugs);
                }).when(s -> s.impl == null))
                .action(Action.<Sut>run("put", (s, step) -> {
                    int x = step.drawInt(Gens.ints(0, 100));
                    s.impl.put(x);
                    s.model.addLast(x);
                }).when(s -> s.impl != null && s.model.size() < s.capacity).weight(2))
                .action(Action.<Sut>call("get", (s, step) -> {
                    int got = s.impl.get();
                    step.checkEquals(s.model.removeFirst(), got, "get returns the oldest element");
                    return got;
                }).when(s -> s.impl != null && !s.model.isEmpty()))
                .action(Action.<Sut>call("size", (s, step) -> s.impl.size())
                        .when(s -> s.impl != null)
                        .ensure("size matches the model", (s, r) -> r.equals(s.model.size())));
    }

    static final Config CONFIG = Config.defaults().withSeed(1L).withTries(200).withMaxSteps(30);

    static Result check(Bug bug) {
        return machine(EnumSet.of(bug)).check("circular buffer with " + bug, CONFIG);
    }

    @Test
    void noExtraSlot() {
        assertThat(check(Bug.NO_EXTRA_SLOT).report()).isEqualTo("""
                Property 'circular buffer with NO_EXTRA_SLOT' failed after 2 tries (34 steps); shrunk 7 times in 59 runs.
                Minimal counterexample:
                  step 1: new(1)
                  step 2: put(0)
                  step 3: size() -> 0
                Failure: postcondition 'size matches the model' failed after step 3 (result 0)
                Seed: 1
                Choices: v2.AQAAAQAAAQQ
                Replay this case: @Replay("v2.AQAAAQAAAQQ") or -Dpbt.replay=v2.AQAAAQAAAQQ
                Rerun the search: -Dpbt.seed=1""");
    }

    @Test
    void sizeWithoutModulo() {
        assertThat(check(Bug.SIZE_WITHOUT_MODULO).report()).isEqualTo("""
                Property 'circular buffer with SIZE_WITHOUT_MODULO' failed after 1 try (10 steps); shrunk 4 times in 97 runs.
                Minimal counterexample:
                  step 1: new(1)
                  step 2: put(0)
                  step 3: get() -> 0
                  step 4: put(0)
                  step 5: size() -> -1
                Failure: postcondition 'size matches the model' failed after step 5 (result -1)
                Seed: 1
                Choices: v2.AQAAAQAAAQABAAABBA
                Replay this case: @Replay("v2.AQAAAQAAAQABAAABBA") or -Dpbt.replay=v2.AQAAAQAAAQABAAABBA
                Rerun the search: -Dpbt.seed=1""");
    }

    @Test
    void getWithoutWrap() {
        var failed = (Result.Failed) check(Bug.GET_WITHOUT_WRAP);
        assertThat(failed.report()).isEqualTo("""
                Property 'circular buffer with GET_WITHOUT_WRAP' failed after 12 tries (135 steps); shrunk 9 times in 174 runs.
                Minimal counterexample:
                  step 1: new(1)
                  step 2: put(0)
                  step 3: get() -> 0
                  step 4: put(0)
                  step 5: get() -> 0
                  step 6: put(0)
                  step 7: get()
                Failure: java.lang.ArrayIndexOutOfBoundsException: Index 2 out of bounds for length 2
                Seed: 1
                Choices: v2.AQAAAQAAAQABAAABAAEAAAEA
                Replay this case: @Replay("v2.AQAAAQAAAQABAAABAAEAAAEA") or -Dpbt.replay=v2.AQAAAQAAAQABAAABAAEAAAEA
                Rerun the search: -Dpbt.seed=1""");
        // The cause keeps the user's frames and none of the engine's runner frames.
        assertThat(failed.counterexample().failure().getStackTrace())
                .extracting(StackTraceElement::getClassName)
                .startsWith("dev.ashmem.pbt.CircularBuffer")
                .doesNotContain("dev.ashmem.pbt.Engine");
    }

    @Test
    void everyBugShrinksToItsMinimalChainFromEverySeed() {
        for (Bug bug : Bug.values()) {
            int expectedSteps = switch (bug) {
                case NO_EXTRA_SLOT -> 3;        // new(1) put(0) size()
                case SIZE_WITHOUT_MODULO -> 5;  // new(1) put(0) get() put(0) size()
                case GET_WITHOUT_WRAP -> 7;     // new(1) (put(0) get()) x 3
            };
            for (long seed = 1; seed <= 10; seed++) {
                var failed = (Result.Failed) machine(EnumSet.of(bug)).check("buffer", CONFIG.withSeed(seed));
                assertThat(failed.counterexample().lines()).as("%s, seed %d", bug, seed)
                        .hasSize(expectedSteps)
                        .startsWith("step 1: new(1)", "step 2: put(0)");
                assertThat(failed.flaky()).isFalse();
            }
        }
    }

    @Test
    void anInvariantCatchesTheSizeBugOneStepEarlier() {
        Result r = machine(EnumSet.of(Bug.SIZE_WITHOUT_MODULO))
                .invariant("0 <= size <= capacity", s -> s.impl == null || (s.impl.size() >= 0 && s.impl.size() <= s.capacity))
                .check("buffer invariant", CONFIG);
        assertThat(r.report()).isEqualTo("""
                Property 'buffer invariant' failed after 1 try (9 steps); shrunk 6 times in 73 runs.
                Minimal counterexample:
                  step 1: new(1)
                  step 2: put(0)
                  step 3: get() -> 0
                  step 4: put(0)
                Failure: invariant '0 <= size <= capacity' violated after step 4
                Seed: 1
                Choices: v2.AQAAAQAAAQABAAA
                Replay this case: @Replay("v2.AQAAAQAAAQABAAA") or -Dpbt.replay=v2.AQAAAQAAAQABAAA
                Rerun the search: -Dpbt.seed=1""");
    }

    @Test
    void theCorrectBufferPassesAndEveryActionRuns() {
        Result r = machine(EnumSet.noneOf(Bug.class))
                .check("correct buffer", CONFIG.requireCoverage(50, "action:new", "action:put", "action:get", "action:size"));
        assertThat(r).isInstanceOf(Result.Passed.class);
        assertThat(r.tries()).isEqualTo(200);
        assertThat(r.steps()).isGreaterThan(1000);
        assertThat(r.statistics().hits("action:put")).isGreaterThan(r.statistics().hits("action:get"));
    }
}
