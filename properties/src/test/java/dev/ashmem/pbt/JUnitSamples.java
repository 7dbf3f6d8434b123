package dev.ashmem.pbt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.pbt.CircularBuffer.Bug;
import dev.ashmem.pbt.junit.Cover;
import dev.ashmem.pbt.junit.From;
import dev.ashmem.pbt.junit.Property;
import dev.ashmem.pbt.junit.Replay;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test classes that {@link JUnitIntegrationTest} runs through the JUnit Platform launcher. Nested and
 * not named *Test, so Surefire does not run them itself (several fail on purpose).
 */
final class JUnitSamples {

    private JUnitSamples() {}

    static List<Integer> reversed(List<Integer> xs) {
        var copy = new ArrayList<>(xs);
        Collections.reverse(copy);
        return copy;
    }

    static class FailingReverse {
        final Gen<List<Integer>> intLists = Gens.lists(Gens.ints());

        @Property(seed = "42")
        void reverseIsIdentity(@From("intLists") List<Integer> xs) {
            assertThat(reversed(xs)).isEqualTo(xs);
        }
    }

    static class ReplayedReverse {
        static Gen<List<Integer>> intLists() {
            return Gens.lists(Gens.ints());
        }

        @Property
        @Replay("v1.AQAAAQABAA")
        void reverseIsIdentity(@From("intLists") List<Integer> xs) {
            assertThat(reversed(xs)).isEqualTo(xs);
        }
    }

    static class DefaultGenerators {
        static final AtomicInteger CALLS = new AtomicInteger();

        @Property(tries = 50, seed = "3")
        void everyDefaultType(int a, long b, boolean c, String d, byte[] e, Integer f) {
            CALLS.incrementAndGet();
            assertThat(d.length()).isLessThanOrEqualTo(32);
            assertThat(e.length).isLessThanOrEqualTo(64);
            assertThat(f).isNotNull();
        }
    }

    static class MissingGenerator {
        @Property
        void needsAGenerator(Thread notGeneratable) {}
    }

    static class BufferMachine {
        static final StateMachine<CircularBufferMachineTest.Sut> MACHINE =
                CircularBufferMachineTest.machine(EnumSet.noneOf(Bug.class));

        @Property(seed = "1", tries = 100, maxSteps = 30)
        @Cover(value = {"action:put", "action:get"}, atLeast = 20)
        void correctBuffer(Ctx ctx) throws Throwable {
            MACHINE.run(ctx);
        }
    }

    static class BuggyBufferMachine {
        static final StateMachine<CircularBufferMachineTest.Sut> MACHINE =
                CircularBufferMachineTest.machine(EnumSet.of(Bug.NO_EXTRA_SLOT));

        @Property(seed = "1", tries = 100, maxSteps = 30)
        void buggyBuffer(Ctx ctx) throws Throwable {
            MACHINE.run(ctx);
        }
    }

    static class MissedCoverage {
        @Property(seed = "5", tries = 20)
        @Cover("never")
        @Cover(value = "sometimes", atLeast = 1)
        void rarelyLabelled(Ctx ctx) {
            int x = ctx.drawInt(Gens.ints(0, 10), "x");
            ctx.classify(x == 0, "sometimes");
        }
    }
}
