package dev.ashmem.check.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.check.kernel.Kernel;
import dev.ashmem.check.scope.Letter;
import dev.ashmem.check.scope.Scope;
import dev.ashmem.check.scope.Scopes;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kernel is the model: on every transition of these scopes (together every letter of the
 * alphabet, sequential and concurrent), the kernel's result, successor state and invariant verdicts
 * equal the model's.
 */
class KernelAgreesWithModelTest {

    private static Validator.Report agrees(Scope scope, boolean expectComplete) {
        var report = Validator.run(scope, new Kernel(scope), 2_000_000, null);
        report.divergence().ifPresent(d -> {
            var bytes = new java.io.ByteArrayOutputStream();
            d.print(new java.io.PrintStream(bytes, true));
            throw new AssertionError(bytes.toString());
        });
        assertThat(report.complete()).isEqualTo(expectComplete);
        assertThat(report.transitions()).isPositive();
        return report;
    }

    @Test
    void everyPinArgumentShapeAndScan() {
        var report = agrees(Scopes.named("small"), true);
        // The explorer's packed PIN/UNPIN/GET_PIN_STATUS steps are checked against the kernel on the way.
        assertThat(report.packed()).isPositive();
        assertThat(report.summary()).contains("steps taken on packed states == the kernel's");
    }

    @Test
    void packedStepsOnTwoAreas() {
        var report = agrees(Scopes.named("2x4").toBuilder().applyTo(b -> b.pages = 3), true);
        assertThat(report.packed()).isGreaterThan(report.transitions() / 2);
    }

    @Test
    void theWholeSurface() {
        // every letter: odd arguments, scans, purge, mmap, munmap, mprotect, writes, close/open, prot, rie, sizes
        agrees(Scopes.named("surface").toBuilder().applyTo(b -> {
            b.pages = 1;
            b.sizes = List.of(0L, 4096L, 1L << 63);
            b.maxMappings = 1;
        }), true);
    }

    @Test
    void twoAreasWithOrphanedFiles() {
        // close while mapped: the file outlives its area (CLOSE-MAPPINGS); bounded depth
        agrees(Scopes.named("surface-2x1").toBuilder().applyTo(b -> b.maxDepth = 4), false);
    }

    @Test
    void concurrencyWithAndWithoutTheWait() {
        agrees(Scopes.named("conc"), true);
        agrees(Scopes.named("conc").toBuilder().applyTo(b -> b.inflightWait = false), true);
    }

    @Test
    void concurrencyWithReleasedAreasAndTwoShrinkers() {
        // a punch in flight on a file whose area is closed meanwhile (dead or mapped)
        agrees(Scopes.named("conc").toBuilder().applyTo(b -> {
            b.areas = 2;
            b.pages = 1;
            b.shrinkers = 2;
            b.alphabet = Letter.parse("pin,unpin,write,close,mmap,munmap,size");
            b.sizes = List.of(0L, 4096L);
            b.maxMappings = 2;
            b.maxDepth = 5;
        }), false);
    }
}
