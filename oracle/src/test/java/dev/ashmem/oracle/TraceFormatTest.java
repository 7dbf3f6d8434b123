package dev.ashmem.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.model.AshmemModel;
import dev.ashmem.model.Command;
import dev.ashmem.model.Op;
import dev.ashmem.model.Result;
import dev.ashmem.trace.Profile;
import dev.ashmem.oracle.replay.Replayer;
import dev.ashmem.trace.NameMode;
import dev.ashmem.trace.Outcome;
import dev.ashmem.trace.Step;
import dev.ashmem.trace.Trace;
import dev.ashmem.trace.TraceParser;
import dev.ashmem.trace.TracePrinter;
import dev.ashmem.trace.Traces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Printed traces read back and replay on the model: random ones, several in a text, model operations, the format document's example. */
class TraceFormatTest {

    @Test
    void randomTracesRoundTrip() {
        for (long seed = 1; seed <= 60; seed++) {
            var mode = seed % 2 == 0 ? NameMode.MAPPED : NameMode.EXACT;
            var t = RandomTraces.trace(seed, 50, Profile.MAINLINE, mode, v -> { });
            String printed = TracePrinter.print(t);
            var again = TraceParser.parse("r", printed);
            assertThat(steps(again)).as(printed).isEqualTo(steps(t));
            assertThat(outcomes(again)).as(printed).isEqualTo(outcomes(t));
            assertThat(Replayer.replay(again, null).passed()).as(printed).isTrue();
        }
    }

    @Test
    void severalTracesInOneText() {
        var a = RandomTraces.trace(1, 10, Profile.MAINLINE, NameMode.MAPPED, v -> { });
        var b = RandomTraces.trace(2, 10, Profile.MAINLINE, NameMode.EXACT, v -> { });
        var both = TraceParser.parseAll("two", TracePrinter.printAll(List.of(a, b)));
        assertThat(both).hasSize(2);
        assertThat(steps(both.get(1))).isEqualTo(steps(b));
    }

    /** What other modules call to print a failing sequence of model operations. */
    @Test
    void modelOperationsPrintAsAReplayableTrace() {
        var model = new AshmemModel();
        var ops = List.<Op>of(new Op.Open(), new Op.Ioctl(0, new Command.SetSize(8192), dev.ashmem.model.Caller.APP),
                new Op.Mmap(0, 8192, 3, true, 0, dev.ashmem.model.Caller.APP), new Op.Store(1, 0, new byte[] {1, 2}),
                new Op.Ioctl(0, Command.unpin(0, 4096), dev.ashmem.model.Caller.APP),
                new Op.Ioctl(0, new Command.PurgeAllCaches(), dev.ashmem.model.Caller.ADMIN), new Op.Load(1, 0, 2),
                new Op.ShrinkScan(0, false));
        var results = new ArrayList<Result>();
        ops.forEach(op -> results.add(op.applyTo(model)));
        String text = Traces.print(4096, ops, results);
        assertThat(text).contains("names exact", "open -> 0", "ioctl 0 PURGE_ALL_CACHES [cap] -> 1", "load 1 0 2 -> hex:0000",
                "shrink_scan 0 nofs -> 0xffffffffffffffff");
        assertThat(Replayer.replay(TraceParser.parse("ops", text), null).passed()).isTrue();
    }

    @Test
    void theExampleOfTheFormatDocumentReplays() throws Exception {
        var doc = Files.readString(Path.of("..", "spec", "trace-format.md"));
        var m = Pattern.compile("```\\n(ashmem-trace 1\\n[^`]*?open[^`]*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(m.find()).isTrue();
        var r = Replayer.replay(TraceParser.parse("trace-format.md", m.group(1)), null);
        assertThat(r.passed()).as(dev.ashmem.oracle.replay.Reports.render(r)).isTrue();
        assertThat(r.checked()).isEqualTo(10);
    }

    private static List<Step> steps(Trace t) {
        return t.lines().stream().map(dev.ashmem.trace.TraceLine::step).toList();
    }

    private static List<Outcome> outcomes(Trace t) {
        return t.lines().stream().map(dev.ashmem.trace.TraceLine::outcome).toList();
    }
}
