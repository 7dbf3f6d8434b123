package dev.ashmem.check.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.check.kernel.BrokenKernels;
import dev.ashmem.check.scope.Letter;
import dev.ashmem.check.scope.Scope;
import dev.ashmem.check.scope.Scopes;
import dev.ashmem.check.trace.TracePrinter;
import dev.ashmem.check.trace.TraceStep;
import dev.ashmem.check.validate.Validator;
import dev.ashmem.impl.broken.BrokenVariant;
import dev.ashmem.impl.broken.Suite;
import dev.ashmem.model.Command;
import dev.ashmem.model.Op;
import java.util.EnumSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The checker has teeth: deliberately broken transition functions are caught, with shortest traces. */
class BrokenVariantTest {
    static Scope pinScope(int areas, int pages) {
        return Scopes.named("small").toBuilder().applyTo(b -> {
            b.name = "broken";
            b.areas = areas;
            b.pages = pages;
            b.alphabet = EnumSet.of(Letter.PIN, Letter.UNPIN, Letter.STATUS, Letter.SCAN);
        });
    }

    static java.util.List<BrokenVariant> variants() {
        return BrokenVariant.forSuite(Suite.MODEL_CHECKER);
    }

    /** One mapping, both ways: a catalogue entry naming the checker has a kernel mutation, and no mutation is unlisted. */
    @Test
    void theKernelMutationsAreTheCatalogueEntriesNamingTheChecker() {
        assertThat(new TreeSet<>(BrokenKernels.BY_VARIANT.keySet()))
                .isEqualTo(new TreeSet<>(variants().stream().map(BrokenVariant::id).toList()));
    }

    /** Every entry naming the checker is caught: by an invariant, or else by the validator's divergence from the model. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void theCheckerCatchesEveryCatalogueEntryNamingIt(BrokenVariant variant) {
        var mutation = BrokenKernels.BY_VARIANT.get(variant.id());
        assertThat(mutation).as("kernel mutation for catalogue entry %s", variant).isNotNull();
        var scope = pinScope(1, 3);
        boolean invariantBroken = !new Explorer(mutation.apply(scope), null).run().passed();
        boolean diverges = invariantBroken || Validator.run(scope, mutation.apply(scope), 1_000_000, null).divergence().isPresent();
        assertThat(diverges).as("the checker catches %s", variant).isTrue();
    }

    @Test
    void aPinThatForgetsLruCountIsCaughtInTwoSteps() {
        var result = new Explorer(new BrokenKernels.ForgetsLruCount(pinScope(1, 3)), null).run();
        assertThat(result.passed()).isFalse();
        var cex = result.counterexample().orElseThrow();
        TracePrinter.printCounterexample(cex, System.out); // shown in the test log
        assertThat(cex.ruleId()).isEqualTo("INV-LRU-COUNT");
        assertThat(cex.length()).isEqualTo(2);
        // The shortest: unpin two pages, then a PIN that cuts the range while it is on the LRU.
        assertThat(cex.steps().get(0)).isEqualTo(call(new Op.Ioctl(0, Command.unpin(0, 2 * 4096), dev.ashmem.model.Caller.APP), "0"));
        assertThat(cex.lastStep()).isEqualTo(call(new Op.Ioctl(0, Command.pin(0, 4096), dev.ashmem.model.Caller.APP), "0"));
        assertThat(cex.violations().getFirst().detail()).isEqualTo("lruCount 2 but the LRU ranges hold 1 pages");
        // The real model after the same trace is sound: the divergence is the variant's.
        assertThat(cex.modelViolations()).isEmpty();
    }

    @Test
    void theSameBugIsFoundUnderSymmetryWithTheSameLength() {
        var scope = pinScope(2, 2).toBuilder().applyTo(b -> b.symmetry = true);
        var cex = new Explorer(new BrokenKernels.ForgetsLruCount(scope), null).run().counterexample().orElseThrow();
        assertThat(cex.ruleId()).isEqualTo("INV-LRU-COUNT");
        assertThat(cex.length()).isEqualTo(2);
        assertThat(cex.lastStep()).isInstanceOfSatisfying(TraceStep.Call.class,
                c -> assertThat(c.op()).isInstanceOfSatisfying(Op.Ioctl.class, i -> assertThat(i.cmd()).isInstanceOf(Command.Pin.class)));
    }

    @Test
    void mergingAdjacentRangesBreaksNoInvariantButTheValidatorCatchesIt() {
        var scope = pinScope(1, 3);
        assertThat(new Explorer(new BrokenKernels.MergesAdjacent(scope), null).run().passed()).isTrue();
        var report = Validator.run(scope, new BrokenKernels.MergesAdjacent(scope), 1_000_000, null);
        var d = report.divergence().orElseThrow();
        d.print(System.out);
        assertThat(d.what()).isEqualTo("state");
        assertThat(d.steps()).hasSize(2);
        assertThat(d.expected()).contains("unpinned=[[1..1] [0..0]]");
    }

    static TraceStep.Call call(Op op, String result) {
        return new TraceStep.Call(0, op, result.equals("0") ? dev.ashmem.model.Result.ZERO : null, "");
    }
}
