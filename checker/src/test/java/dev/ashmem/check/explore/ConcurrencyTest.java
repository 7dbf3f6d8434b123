package dev.ashmem.check.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.check.kernel.Action;
import dev.ashmem.check.kernel.ActionKind;
import dev.ashmem.check.kernel.Alphabet;
import dev.ashmem.check.kernel.FrameInvariants;
import dev.ashmem.check.kernel.Kernel;
import dev.ashmem.check.scope.Scopes;
import dev.ashmem.check.trace.TracePrinter;
import dev.ashmem.check.trace.TraceStep;
import dev.ashmem.model.Command;
import dev.ashmem.model.Invariants.Violation;
import dev.ashmem.model.Op;
import org.junit.jupiter.api.Test;

/**
 * The shrinker's steps interleaved with two callers: with the in-flight wait (PINARG-WAIT) no pinned
 * page is punched and no data written after a PIN is lost; without it, the race shows in 5 steps.
 */
class ConcurrencyTest {

    @Test
    void withTheWaitEveryStateIsSound() {
        for (var name : new String[] {"conc", "conc-1x3"}) {
            var result = new Explorer(new Kernel(Scopes.named(name)), null).run();
            assertThat(result.passed()).as(name).isTrue();
            assertThat(result.stats().complete()).isTrue();
        }
        assertThat(new Explorer(new Kernel(Scopes.named("conc")), null).run().stats().states()).isEqualTo(121);
    }

    @Test
    void twoShrinkersAndTwoAreasWithTheWaitAreSoundToo() {
        var scope = Scopes.named("conc").toBuilder().applyTo(b -> {
            b.areas = 2;
            b.pages = 1;
            b.shrinkers = 2;
            b.maxMappings = 2;
        });
        assertThat(new Explorer(new Kernel(scope), null).run().passed()).isTrue();
    }

    @Test
    void withoutTheWaitALatePunchWipesPinnedData() {
        var scope = Scopes.named("conc").toBuilder().applyTo(b -> b.inflightWait = false);
        var result = new Explorer(new Kernel(scope), null).run();
        var cex = result.counterexample().orElseThrow();
        TracePrinter.printCounterexample(cex, System.out); // shown in the test log
        assertThat(cex.ruleId()).isEqualTo("INV-PUNCH-PINNED");
        assertThat(cex.length()).isEqualTo(5);
        // The race: the shrinker marks an unpinned range, a caller PINs it (WAS_PURGED) without waiting,
        // and the punch that was already under way runs last, over a pinned page holding data.
        assertThat(cex.steps()).anySatisfy(s -> assertThat(s).isEqualTo(new TraceStep.Shrinker(0, "mark", 1, "punch(area 0, bytes 0..4096)")));
        assertThat(cex.steps().get(3)).isInstanceOfSatisfying(TraceStep.Call.class, c -> {
            assertThat(c.op()).isInstanceOfSatisfying(Op.Ioctl.class, i -> assertThat(i.cmd()).isEqualTo(Command.pin(0, 4096)));
            assertThat(c.result()).isEqualTo(dev.ashmem.model.Result.ok(1)); // WAS_PURGED
        });
        assertThat(cex.lastStep()).isEqualTo(new TraceStep.Shrinker(0, "punch", 0, ""));
        // The model, replaying the trace step by step, records the same violation.
        assertThat(cex.modelViolations()).extracting(Violation::ruleId).contains("INV-PUNCH-PINNED");
    }

    @Test
    void withoutTheWaitDataWrittenAfterAPinIsLost() {
        // With every page written while pinned from the start, the shortest race writes after the PIN.
        var scope = Scopes.named("conc").toBuilder().applyTo(b -> b.inflightWait = false);
        var kernel = new Kernel(scope);
        var inv = new FrameInvariants(kernel);
        int[] f = new int[kernel.frameLength()];
        kernel.initial(f);
        var actions = new Alphabet(scope).actions();
        // unpin page 0, mark, pin page 0 (no wait), write page 0, punch
        var path = new java.util.ArrayList<Action>();
        path.add(find(actions, ActionKind.UNPIN, 0, 4096));
        path.add(find(actions, ActionKind.MARK, 0, 0));
        path.add(find(actions, ActionKind.PIN, 0, 4096));
        path.add(actions.stream().filter(a -> a.kind() == ActionKind.WRITE && a.p() == 0).findFirst().orElseThrow());
        path.add(find(actions, ActionKind.PUNCH, 0, 0));
        int[] w = new int[f.length];
        for (var a : path) {
            assertThat(kernel.enabled(f, a)).as(a.toString()).isTrue();
            kernel.step(f, w, a);
            System.arraycopy(w, 0, f, 0, f.length);
        }
        var out = new java.util.ArrayList<Violation>();
        inv.check(f, out);
        assertThat(out).extracting(Violation::ruleId).containsExactly(FrameInvariants.CONTENT_LAW, "INV-PUNCH-PINNED");
    }

    private static Action find(java.util.List<Action> actions, ActionKind kind, long offset, long len) {
        return actions.stream().filter(a -> a.kind() == kind && a.x() == offset && a.y() == len).findFirst().orElseThrow();
    }
}
