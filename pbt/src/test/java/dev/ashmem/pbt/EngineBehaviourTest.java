package dev.ashmem.pbt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ashmem.pbt.CircularBuffer.Bug;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replay, budgets, determinism, discards, failure identity, the database. */
class EngineBehaviourTest {

    static final Config SEEDED = Config.defaults().withSeed(42L);

    @Test
    void replayingThePrintedEncodingReproducesTheSameMinimalCase() {
        var machine = CircularBufferMachineTest.machine(EnumSet.of(Bug.SIZE_WITHOUT_MODULO));
        var found = (Result.Failed) machine.check("buffer", CircularBufferMachineTest.CONFIG);

        var replayed = (Result.Failed) machine.check("buffer", Config.defaults().withReplay(found.encoding()));
        assertThat(replayed.origin()).isEqualTo(Result.Origin.REPLAY);
        assertThat(replayed.counterexample().lines()).isEqualTo(found.counterexample().lines());
        assertThat(replayed.encoding()).isEqualTo(found.encoding());
        assertThat(replayed.counterexample().signature()).isEqualTo(found.counterexample().signature());
        assertThat(replayed.tries()).isEqualTo(1);
        assertThat(replayed.report()).isEqualTo("""
                Property 'buffer' failed on the replayed choices (5 steps).
                Counterexample:
                  step 1: new(1)
                  step 2: put(0)
                  step 3: get() -> 0
                  step 4: put(0)
                  step 5: size() -> -1
                Failure: postcondition 'size matches the model' failed after step 5 (result -1)
                Choices: v2.AQAAAQAAAQABAAABBA
                Replay this case: @Replay("v2.AQAAAQAAAQABAAABBA") or -Dpbt.replay=v2.AQAAAQAAAQABAAABBA""");
    }

    @Test
    void replayOfAFixedBugPassesAndTargetedReplaySkipsOtherProperties() {
        var fixed = CircularBufferMachineTest.machine(EnumSet.noneOf(Bug.class));
        Result r = fixed.check("buffer", Config.defaults().withReplay("v2.AQABAAABAAEAAAEB"));
        assertThat(r.report()).isEqualTo("""
                Property 'buffer' passed on the replayed choices v2.AQABAAABAAEAAAEB.
                Case:
                  step 1: new(2)""");
        Result other = fixed.check("other", Config.defaults().withSeed(1L).withTries(5).withReplay("buffer=v2.AQAB"));
        assertThat(other.tries()).isEqualTo(5);
    }

    /** Choices recorded for other generators (clamped to a bound, or too few) replay another case: not a pass. */
    @Test
    void aReplayThatCannotReadTheChoicesAsGivenGivesUp() {
        PropertyBody p = ctx -> ctx.draw(Gens.longs(0, 3), "x");
        Result clamped = Pbt.check("clamped", Config.defaults().withReplay(ChoiceSequence.of(5, 7).encode()), p);
        assertThat(clamped).isInstanceOf(Result.GaveUp.class);
        assertThat(clamped.report()).contains("do not describe a case of this property as it is now");
        Result missing = Pbt.check("missing", Config.defaults().withReplay(ChoiceSequence.EMPTY.encode()),
                ctx -> ctx.draw(Gens.longs(0, 3), "x"));
        assertThat(missing).isInstanceOf(Result.GaveUp.class);
        Result exact = Pbt.check("exact", Config.defaults().withReplay(ChoiceSequence.of(2).encode()), p);
        assertThat(exact).isInstanceOf(Result.Passed.class);
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        Result a = Pbt.check("reverse", SEEDED, TextbookShrinkingTest::reverseIsIdentity);
        Result b = Pbt.check("reverse", SEEDED, TextbookShrinkingTest::reverseIsIdentity);
        assertThat(a.report()).isEqualTo(b.report());
        Result c = CircularBufferMachineTest.machine(EnumSet.noneOf(Bug.class)).check("x", SEEDED);
        Result d = CircularBufferMachineTest.machine(EnumSet.noneOf(Bug.class)).check("x", SEEDED);
        assertThat(c.statistics()).isEqualTo(d.statistics());
        assertThat(c.steps()).isEqualTo(d.steps());
    }

    @Test
    void shrinkingStopsAtItsRunBudget() {
        // Sum of a long list above a threshold: many deletions possible, so 25 runs cannot finish.
        var failed = (Result.Failed) Pbt.check("sum", SEEDED.withMaxShrinks(25), ctx -> {
            List<Integer> xs = ctx.draw(Gens.lists(Gens.ints(0, 1000), 0, 200), "xs");
            ctx.check(xs.stream().mapToInt(Integer::intValue).sum() < 3000, "sum below 3000");
        });
        assertThat(failed.shrinkRuns()).isLessThanOrEqualTo(25);
        assertThat(failed.shrinkBudgetExhausted()).isTrue();
        assertThat(failed.report()).contains("(shrink budget exhausted, the case may not be minimal)");
    }

    @Test
    void shrinkingStopsAtItsTimeBudget() {
        long start = System.nanoTime();
        var failed = (Result.Failed) Pbt.check("slow", SEEDED.withShrinkTime(Duration.ofMillis(100)), ctx -> {
            List<Integer> xs = ctx.draw(Gens.lists(Gens.ints(0, 1000), 0, 200), "xs");
            Thread.sleep(2);
            ctx.check(xs.stream().mapToInt(Integer::intValue).sum() < 3000, "sum below 3000");
        });
        assertThat(failed.shrinkBudgetExhausted()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void withAFullBudgetTheSumExampleShrinksToFewLargeElements() {
        var failed = (Result.Failed) Pbt.check("sum", SEEDED, ctx -> {
            List<Integer> xs = ctx.draw(Gens.lists(Gens.ints(0, 1000), 0, 200), "xs");
            ctx.check(xs.stream().mapToInt(Integer::intValue).sum() < 3000, "sum below 3000");
        });
        assertThat(failed.counterexample().lines()).containsExactly("xs = [1000, 1000, 1000]");
    }

    @Test
    void aFilterThatRejectsEverythingGivesAClearError() {
        Result r = Pbt.check("impossible", SEEDED, ctx -> {
            ctx.draw(Gens.ints(0, 10).filter("x > 100", x -> x > 100), "x");
        });
        assertThat(r).isInstanceOf(Result.GaveUp.class);
        assertThat(r.report()).isEqualTo("""
                Property 'impossible' gave up: 201 test cases discarded, only 0 valid (wanted 100).
                Most discards (201) came from filter ints(0, 10).filter(x > 100), which rejected 100 values in a row each time.
                Loosen the filter or assumption, or generate the wanted values directly (map/flatMap).""");
        assertThatThrownBy(r::orThrow).isInstanceOf(PropertyFailure.class).hasMessage(r.report());
    }

    /** A time budget that ends before any valid case ran checked nothing: the property gives up, it does not pass. */
    @Test
    void aTimeBudgetSpentBeforeAnyValidCaseIsNoPass() {
        Result r = Pbt.check("all discarded", SEEDED.withTime(Duration.ofMillis(50)), ctx -> {
            try {
                Thread.sleep(2); // far fewer than the 200 discards that give up on their own
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            ctx.assume(false, "never");
        });
        assertThat(r).isInstanceOf(Result.GaveUp.class);
        assertThat(r.report()).contains("no valid case ran within the time budget of PT0.05S", "discarded");
        // a budget a case outlasts, the first one included
        Result slow = Pbt.check("slow", SEEDED.withTime(Duration.ofMillis(20)), ctx -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            ctx.assume(false, "slow and discarded");
        });
        assertThat(slow).isInstanceOf(Result.GaveUp.class);
        // budgets far beyond any run (centuries) are taken, not an arithmetic overflow
        Result huge = Pbt.check("huge", SEEDED.withTries(3).withTime(Duration.ofDays(200_000)).withShrinkTime(Duration.ofDays(200_000)),
                ctx -> ctx.draw(Gens.ints(0, 10), "x"));
        assertThat(huge).isInstanceOf(Result.Passed.class);
    }

    @Test
    void assumptionsDiscardWithoutCountingAsTries() {
        Result r = Pbt.check("even halves", SEEDED, ctx -> {
            int x = ctx.drawInt(Gens.ints(0, 1000), "x");
            ctx.assume(x % 2 == 0, "x is even");
            ctx.check((x / 2) * 2 == x, "halving");
        });
        assertThat(r.passed()).isTrue();
        assertThat(r.tries()).isEqualTo(100);
        assertThat(r.run().discarded()).isPositive();
    }

    @Test
    void passingPropertiesPass() {
        Result r = Pbt.check("reverse twice", SEEDED.withTries(300), ctx -> {
            List<Integer> xs = ctx.draw(Gens.lists(Gens.ints()), "xs");
            ctx.checkEquals(xs, xs.reversed().reversed(), "involution");
        });
        assertThat(r).isInstanceOf(Result.Passed.class);
        assertThat(r.tries()).isEqualTo(300);
        assertThat(r.report()).isEqualTo("Property 'reverse twice' passed 300 tries, seed 42.");
        assertThat(r.orThrow()).isSameAs(r);
    }

    @Test
    void shrinkingKeepsTheOriginalFailureAndDoesNotSlipToAnotherOne() {
        // Values above 10 fail one way, above 1000 another: a large first find must not shrink to 11.
        var failed = (Result.Failed) Pbt.check("two bugs", SEEDED, ctx -> {
            int x = ctx.drawInt(Gens.ints(0, 1_000_000).noEdgeCases(), "x");
            if (x > 1000) throw new IllegalStateException("big");
            if (x > 10) throw new IllegalArgumentException("medium");
        });
        assertThat(failed.counterexample().failure()).isInstanceOf(IllegalStateException.class);
        assertThat(failed.counterexample().lines()).containsExactly("x = 1001");
    }

    @Test
    void checkDetailsGoToTheMessageWhileTheLabelStaysTheIdentity() {
        var failed = (Result.Failed) Pbt.check("detail", SEEDED, ctx -> {
            int x = ctx.drawInt(Gens.ints(0, 1000).noEdgeCases(), "x");
            ctx.check(x < 500, "x below 500", () -> "x was " + x);
        });
        assertThat(failed.counterexample().lines()).containsExactly("x = 500");
        assertThat(failed.counterexample().failure()).hasMessage("check 'x below 500' failed: x was 500");
        assertThat(failed.counterexample().signature().site()).isEqualTo("label:x below 500");
    }

    @Test
    void aPropertyThatDependsOnOutsideStateIsReportedAsFlaky() {
        var calls = new AtomicInteger();
        var failed = (Result.Failed) Pbt.check("flaky", SEEDED.withMaxShrinks(10), ctx -> {
            ctx.draw(Gens.ints(0, 10), "x");
            if (calls.incrementAndGet() == 3) throw new AssertionError("only once");
        });
        assertThat(failed.flaky()).isTrue();
        assertThat(failed.report()).contains("FLAKY: re-running this case did not fail the same way");
    }

    @Test
    void timeBudgetEndsTheSearchEarly() {
        Result r = Pbt.check("slow pass", SEEDED.withTries(1_000_000).withTime(Duration.ofMillis(200)), ctx -> {
            ctx.draw(Gens.ints(0, 10), "x");
            Thread.sleep(1);
        });
        assertThat(r).isInstanceOfSatisfying(Result.Passed.class, p -> assertThat(p.timedOut()).isTrue());
        assertThat(r.tries()).isBetween(1L, 999_999L);
        assertThat(r.report()).contains("stopped by the time budget of PT0.2S before 1000000 tries");
    }

    @Test
    void failuresAreStoredAndReplayedFirstThenForgottenOnceFixed(@TempDir Path dir) throws Exception {
        Config config = SEEDED.withDatabase(dir);
        var first = (Result.Failed) Pbt.check("pkg.ReverseTest#reverse", config, TextbookShrinkingTest::reverseIsIdentity);
        Path file = dir.resolve("pkg.ReverseTest#reverse.txt");
        assertThat(Files.readAllLines(file)).last().isEqualTo(first.encoding());

        // Next run, another seed: the stored case comes first and is the one reported.
        var second = (Result.Failed) Pbt.check("pkg.ReverseTest#reverse", config.withSeed(7L),
                TextbookShrinkingTest::reverseIsIdentity);
        assertThat(second.origin()).isEqualTo(Result.Origin.DATABASE);
        assertThat(second.tries()).isEqualTo(1);
        assertThat(second.counterexample().lines()).containsExactly("xs = [0, 1]");
        assertThat(second.report()).startsWith(
                "Property 'pkg.ReverseTest#reverse' failed on a case stored in the failure database; shrunk 0 times");

        // Fixed: the stored case passes, the entry is dropped and the search runs as usual.
        Result fixed = Pbt.check("pkg.ReverseTest#reverse", config, ctx -> ctx.draw(Gens.lists(Gens.ints()), "xs"));
        assertThat(fixed.passed()).isTrue();
        assertThat(fixed.tries()).isEqualTo(101);
        assertThat(file).doesNotExist();
    }

    @Test
    void labelsAreCountedAndPrinted() {
        Result r = Pbt.check("parity", SEEDED.withTries(200), ctx -> {
            int x = ctx.drawInt(Gens.ints(0, 99), "x");
            ctx.classify(x % 2 == 0, "even");
            ctx.classify(x % 2 != 0, "odd");
            ctx.label("drawn");
            ctx.label("drawn");
        });
        Statistics s = r.statistics();
        assertThat(s.cases("even") + s.cases("odd")).isEqualTo(200);
        assertThat(s.hits("drawn")).isEqualTo(400);
        assertThat(s.cases("drawn")).isEqualTo(200);
        assertThat(r.report()).isEqualTo("""
                Property 'parity' passed 200 tries, seed 42.
                Statistics:
                  label     cases       %       hits
                  drawn       200  100.0%        400
                  even         91   45.5%         91
                  odd         109   54.5%        109""");
    }

    @Test
    void missingCoverageFailsNamingTheLabels() {
        Result r = Pbt.check("coverage", SEEDED.requireCoverage(5, "small", "huge", "negative").requireCoverage(1, "zero"), ctx -> {
            int x = ctx.drawInt(Gens.ints(0, 1000), "x");
            ctx.classify(x < 10, "small");
            ctx.classify(x > 2000, "huge");
            ctx.classify(x == 0, "zero");
        });
        assertThat(r).isInstanceOfSatisfying(Result.CoverageMissed.class,
                m -> assertThat(m.missing()).containsOnlyKeys("huge", "negative"));
        assertThat(r.report()).contains("""
                but missed its coverage, seed 42.
                Labels hit too rarely:
                  huge: 0 of at least 5
                  negative: 0 of at least 5""");
        assertThatThrownBy(r::orThrow).isInstanceOf(PropertyFailure.class).hasMessageContaining("huge: 0 of at least 5");
    }
}
