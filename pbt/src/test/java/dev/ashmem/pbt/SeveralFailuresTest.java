package dev.ashmem.pbt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several distinct failures in one run (Config#maxFailures): each found, shrunk on its own to its own
 * minimum, reported with its own replay string, stored in the database; one failure when maxFailures is 1.
 */
class SeveralFailuresTest {

    /** Two independent bugs with different signatures: a too large, b too large. */
    static void twoBugs(Ctx ctx) {
        int a = ctx.drawInt(Gens.ints(0, 100), "a");
        int b = ctx.drawInt(Gens.ints(0, 100), "b");
        if (a > 10) throw new IllegalStateException("a is " + a);
        ctx.check(b <= 10, "b at most 10");
    }

    private static final Config CONFIG = Config.defaults().withSeed(15L).withTries(200);

    @Test
    void eachDistinctFailureIsShrunkToItsOwnMinimumAndReplaysOnItsOwn() {
        var r = (Result.Failed) Pbt.check("two bugs", CONFIG.withMaxFailures(5), SeveralFailuresTest::twoBugs);

        List<Result.Failed> all = r.all();
        assertThat(all).hasSize(2);
        var bySignature = all.stream().map(f -> f.counterexample().signature().type()).toList();
        assertThat(bySignature).containsExactlyInAnyOrder(IllegalStateException.class.getName(), CheckFailure.class.getName());
        for (Result.Failed f : all) {
            boolean aBug = f.counterexample().failure() instanceof IllegalStateException;
            // the minimum of each: the failing value at its threshold, the other one at zero
            assertThat(f.counterexample().lines()).containsExactly(aBug ? "a = 11" : "a = 0", aBug ? "b = 0" : "b = 11");
            var replayed = (Result.Failed) Pbt.check("two bugs", Config.defaults().withReplay(f.encoding()),
                    SeveralFailuresTest::twoBugs);
            assertThat(replayed.counterexample().signature()).isEqualTo(f.counterexample().signature());
            assertThat(r.report()).contains("Choices: " + f.encoding());
        }
        assertThat(r.report()).startsWith("2 distinct failures (by failure signature); failure 1:\n")
                .contains("\n\nFailure 2 of 2:\n");
        assertThat(r.others()).hasSize(1);
        assertThatThrownBy(r::orThrow).isInstanceOfSatisfying(PropertyFailure.class,
                e -> assertThat(e.getSuppressed()).containsExactly(r.others().getFirst().counterexample().failure()));
    }

    @Test
    void withRoomForOneTheRunStopsAtTheFirstAndNamesTheOthersItMet() {
        var r = (Result.Failed) Pbt.check("two bugs", CONFIG, SeveralFailuresTest::twoBugs);
        assertThat(r.others()).isEmpty();
        // Shrinking a = 11 towards 0 passes through a <= 10 with b still large: the other bug, met and named.
        assertThat(r.report()).contains("Other failures met while shrinking, not shrunk or reported here"
                + " (pbt.maxFailures is 1; raise it to get them):\n  " + CheckFailure.class.getName());
        assertThat(r.report()).doesNotContain("distinct failures");
    }

    @Test
    void aPropertyThatAlwaysFailsTheSameWayStillEnds() {
        var r = (Result.Failed) Pbt.check("always", CONFIG.withMaxFailures(3).withTries(50), ctx -> {
            ctx.drawInt(Gens.ints(0, 5), "x");
            throw new IllegalStateException("always");
        });
        assertThat(r.all()).hasSize(1);
        assertThat(r.tries()).isEqualTo(50);
    }

    @Test
    void theDatabaseKeepsEveryDistinctFailureAndReplaysThemAll(@TempDir Path dir) throws Exception {
        Config config = CONFIG.withMaxFailures(5).withDatabase(dir);
        var first = (Result.Failed) Pbt.check("two bugs", config, SeveralFailuresTest::twoBugs);
        assertThat(first.all()).hasSize(2);
        List<String> stored = Files.readAllLines(dir.resolve("two_bugs.txt")).stream()
                .filter(l -> !l.startsWith("#")).toList();
        assertThat(stored).containsExactlyElementsOf(first.all().stream().map(Result.Failed::encoding).toList());

        var again = (Result.Failed) Pbt.check("two bugs", config.withSeed(99L), SeveralFailuresTest::twoBugs);
        assertThat(again.origin()).isEqualTo(Result.Origin.DATABASE);
        assertThat(again.all()).extracting(Result.Failed::encoding)
                .containsExactlyElementsOf(first.all().stream().map(Result.Failed::encoding).toList());
    }

    @Test
    void maxFailuresComesFromTheKeyAndRejectsZero() {
        assertThat(Config.defaults().maxFailures()).isEqualTo(1);
        assertThat(Config.defaults().withOverrides(k -> java.util.Optional.ofNullable(
                k.equals(Config.MAX_FAILURES) ? "4" : null)).maxFailures()).isEqualTo(4);
        assertThatThrownBy(() -> Config.defaults().withMaxFailures(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
