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
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Test classes that {@link JUnitIntegrationTest} runs through the JUnit Platform launcher. Nested and
 * not named *Test, so Surefire does not pick them up; and disabled unless the launcher passes
 * {@code pbt.samples}, as several fail on purpose.
 */
final class JUnitSamples {

    private JUnitSamples() {}

    /** Enables the samples only when run by {@link JUnitIntegrationTest}. */
    static final class OnlyWhenLaunchedBySamples implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter("pbt.samples").isPresent()
                    ? ConditionEvaluationResult.enabled("launched by JUnitIntegrationTest")
                    : ConditionEvaluationResult.disabled("a sample for JUnitIntegrationTest; fails on purpose");
        }
    }

    static List<Integer> reversed(List<Integer> xs) {
        var copy = new ArrayList<>(xs);
        Collections.reverse(copy);
        return copy;
    }

    @ExtendWith(OnlyWhenLaunchedBySamples.class)
    static class FailingReverse {
        final Gen<List<Integer>> intLists = Gens.lists(Gens.ints());

        @Property(seed = "42")
        void reverseIsIdentity(@From("intLists") List<Integer> xs) {
            assertThat(reversed(xs)).isEqualTo(xs);
        }
    }

    @ExtendWith(OnlyWhenLaunchedBySamples.class)
    static class ReplayedReverse {
        static Gen<List<Integer>> intLists() {
            return Gens.lists(Gens.ints());
        }

        @Property
        @Replay("v2.AQABAQA")
        void reverseIsIdentity(@From("intLists") List<Integer> xs) {
            assertThat(reversed(xs)).isEqualTo(xs);
        }
    }

    @ExtendWith(OnlyWhenLaunchedBySamples.class)
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

    @ExtendWith(OnlyWhenLaunchedBySamples.class)
    static class JUnitParameters {
        static String seen;

        @Property(tries = 3, seed = "1")
        void withTestInfoAndTempDir(int x, org.junit.jupiter.api.TestInfo info,
                @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
            seen = info.getTestMethod().orElseThrow().getName() + " " + java.nio.file.Files.isDirectory(dir);
        }
    }

    @ExtendWith(OnlyWhenLaunchedBySamples.class)
    static class MissingGenerator {
        @Property
        void needsAGenerator(Thread notGeneratable) {}
    }

    @ExtendWith(OnlyWhenLaunchedBySamples.class)
    static class BufferMachine {
        static final StateMachine<CircularBufferMachineTest.Sut> MACHINE =
                CircularBufferMachineTest.machine(EnumSet.noneOf(Bug.class));

        @Property(seed = "1", tries = 100, maxSteps = 30)
        @Cover(value = {"action:put", "action:get"}, atLeast = 20)
        void correctBuffer(Ctx ctx) throws Throwable {
            MACHINE.run(ctx);
        }
    }

    @ExtendWith(OnlyWhenLaunchedBySamples.class)
    static class BuggyBufferMachine {
        static final StateMachine<CircularBufferMachineTest.Sut> MACHINE =
                CircularBufferMachineTest.machine(EnumSet.of(Bug.NO_EXTRA_SLOT));

        @Property(seed = "1", tries = 100, maxSteps = 30)
        void buggyBuffer(Ctx ctx) throws Throwable {
            MACHINE.run(ctx);
        }
    }

    @ExtendWith(OnlyWhenLaunchedBySamples.class)
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
