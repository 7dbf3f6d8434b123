package dev.ashmem.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.impl.OffHeapAshmem;
import dev.ashmem.impl.broken.BrokenVariant;
import dev.ashmem.oracle.replay.DeviceRecorder;
import dev.ashmem.oracle.replay.Replayer;
import dev.ashmem.oracle.replay.Reports;
import dev.ashmem.trace.Trace;
import dev.ashmem.trace.TraceParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The minimal counterexamples of the broken-variant catalogue (spec/corpus/broken): each replays on the
 * model and on the correct reference implementation, and diverges on its variant; one file per entry.
 */
class BrokenVariantTracesTest {
    static final Path ROOT = Path.of("..");

    static List<BrokenVariant> withTraces() {
        return BrokenVariant.all().stream().filter(v -> v.traceFile().isPresent()).toList();
    }

    static Trace trace(BrokenVariant v) throws IOException {
        var file = v.traceFile().orElseThrow();
        return TraceParser.parse(file, Files.readString(ROOT.resolve(file)));
    }

    @Test
    void everyEntryHasItsTraceAndEveryTraceItsEntry() throws IOException {
        var expected = new TreeSet<String>();
        withTraces().forEach(v -> expected.add(Path.of(v.traceFile().orElseThrow()).getFileName().toString()));
        var found = new TreeSet<String>();
        try (Stream<Path> files = Files.list(ROOT.resolve(BrokenVariant.TRACE_DIRECTORY))) {
            files.forEach(f -> found.add(f.getFileName().toString()));
        }
        assertThat(found).as("files in " + BrokenVariant.TRACE_DIRECTORY).isEqualTo(expected);
        // Only a concurrency bug may lack a sequential counterexample.
        BrokenVariant.all().stream().filter(v -> v.traceFile().isEmpty()).forEach(v -> assertThat(v.concurrent()).as(v.id()).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withTraces")
    void theModelAndTheReferenceMatchAndTheVariantDiverges(BrokenVariant variant) throws IOException {
        var t = trace(variant);
        var onModel = Replayer.replay(t, null);
        assertThat(onModel.passed()).as("model on " + t.source() + "\n" + Reports.render(onModel)).isTrue();
        assertThat(onModel.checked()).as(t.source() + " records every result").isEqualTo(t.lines().size());

        try (var good = new OffHeapAshmem(t.header().pageSize())) {
            var r = Replayer.replay(DeviceRecorder.record(t, good), null);
            assertThat(r.passed()).as("reference implementation on " + t.source() + "\n" + Reports.render(r)).isTrue();
        }

        try (var broken = variant.create(t.header().pageSize())) {
            boolean diverges;
            try {
                diverges = !Replayer.replay(DeviceRecorder.record(t, broken), null).passed();
            } catch (ArithmeticException panic) {
                diverges = true; // the variant panicked (the Rust rewrite's underflow)
            }
            assertThat(diverges).as(variant.id() + " must diverge on " + t.source()).isTrue();
        }
    }
}
