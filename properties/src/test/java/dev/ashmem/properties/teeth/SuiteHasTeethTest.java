package dev.ashmem.properties.teeth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.impl.broken.BrokenVariant;
import dev.ashmem.impl.broken.Suite;
import dev.ashmem.pbt.Config;
import dev.ashmem.pbt.Result;
import dev.ashmem.properties.Differential;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The differential suite against every broken variant of the catalogue that names it: each must be caught within the default budget
 * and shrunk to a short chain. Prints a table: variant, steps of its shrunk counterexample, tries needed.
 */
class SuiteHasTeethTest {
    private record Row(String variant, String rule, int steps, long tries) {}

    private static final List<Row> TABLE = new ArrayList<>();
    private static final List<BrokenVariant> VARIANTS = BrokenVariant.forSuite(Suite.DIFFERENTIAL);

    @ParameterizedTest(name = "{0}")
    @FieldSource("VARIANTS")
    void theDifferentialSuiteCatches(BrokenVariant variant) {
        var config = Config.defaults().withTries(300).withMaxSteps(60).withSeed(20261122L).withDatabase(null)
                .withMaxShrinks(1500);
        var result = Differential.check(variant.id(), variant::create, 4096, config);
        assertThat(result).as("the suite must catch: %s", variant).isInstanceOf(Result.Failed.class);
        var failed = (Result.Failed) result;
        int steps = (int) failed.counterexample().lines().stream().filter(l -> l.startsWith("step ")).count();
        synchronized (TABLE) {
            TABLE.add(new Row(variant.id(), variant.rule(), steps, failed.tries()));
        }
        System.out.println(failed.report());
    }

    @AfterAll
    static void printTable() {
        var sb = new StringBuilder("\nbroken variant                                   rule                  steps  tries\n");
        for (var r : TABLE) {
            sb.append(String.format(Locale.ROOT, "%-48s %-20s %6d %6d%n", r.variant(), r.rule(), r.steps(), r.tries()));
        }
        System.out.println(sb);
    }
}
