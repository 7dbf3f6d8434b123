package dev.ashmem.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.check.explore.Explorer;
import dev.ashmem.check.kernel.Kernel;
import dev.ashmem.check.scope.Scopes;
import dev.ashmem.check.trace.TracePrinter;
import dev.ashmem.oracle.replay.Replayer;
import dev.ashmem.oracle.replay.Reports;
import dev.ashmem.trace.Outcome;
import dev.ashmem.trace.Step;
import dev.ashmem.trace.TraceParser;
import org.junit.jupiter.api.Test;

/** Counterexamples other tools print are traces that replay runs as they are, and replay finds their divergence. */
class CounterexamplesReplayTest {

    /**
     * The model checker without the in-flight wait finds the late punch; its printed counterexample, on
     * the correct model, diverges at the PIN taken while the punch is in flight: there it blocks.
     */
    @Test
    void theCheckersConcurrentCounterexampleDivergesWhereThePinMustWait() {
        var scope = Scopes.named("conc").toBuilder().applyTo(b -> b.inflightWait = false);
        var cex = new Explorer(new Kernel(scope), null).run().counterexample().orElseThrow();
        String text = TracePrinter.counterexample(cex);

        var trace = TraceParser.parse("checker", text);
        var r = Replayer.replay(trace, null);
        assertThat(r.problem()).as(Reports.render(r)).isNull();
        var d = r.divergence();
        assertThat(d).as(text).isNotNull();
        // setup (3 lines) + unpin, store, shrink_mark, then the PIN
        assertThat(d.index()).isEqualTo(6);
        assertThat(d.line().step()).isInstanceOfSatisfying(Step.Ioctl.class, i -> assertThat(i.cmd().name()).isEqualTo("PIN"));
        assertThat(d.verdict().expected()).isEqualTo(new Outcome.Blocked());
        assertThat(d.verdict().observed()).isEqualTo(new Outcome.Ret(1));
        assertThat(Reports.render(r)).contains("expected: blocked", "deciding rule: PINARG-WAIT");
    }

    /** With the PIN's result written as the correct model has it, the trace replays past it to the end. */
    @Test
    void theSameTraceWithTheWaitWrittenDownReplays() {
        var scope = Scopes.named("conc").toBuilder().applyTo(b -> b.inflightWait = false);
        var cex = new Explorer(new Kernel(scope), null).run().counterexample().orElseThrow();
        String text = TracePrinter.counterexample(cex).replace("ioctl 0 PIN 0 4096 -> 1", "ioctl 0 PIN 0 4096 -> blocked");
        var r = Replayer.replay(TraceParser.parse("checker", text), null);
        assertThat(r.passed()).as(Reports.render(r)).isTrue();
        assertThat(r.checked()).isEqualTo(8);
    }

    /** A device that answers GET_SIZE one too high: the differential suite's failure, as printed, replays. */
    @Test
    void theDifferentialSuitesFailureReplaysOnTheModelAndDivergesOnTheImplementation() {
        var config = dev.ashmem.pbt.Config.defaults().withTries(200).withMaxSteps(30).withSeed(7L).withDatabase(null);
        var result = dev.ashmem.properties.Differential.check("get_size off by one", GetSizeOffByOne::new, 4096, config);
        assertThat(result).isInstanceOf(dev.ashmem.pbt.Result.Failed.class);
        String report = ((dev.ashmem.pbt.Result.Failed) result).report();
        String marker = "as a trace (save it and run: ./ashmem replay FILE):";
        assertThat(report).contains(marker);
        String text = report.substring(report.indexOf(marker) + marker.length()).lines().skip(1)
                .takeWhile(l -> l.startsWith("    ")).map(String::strip).collect(java.util.stream.Collectors.joining("\n"));
        var trace = TraceParser.parse("differential", text);
        var onModel = Replayer.replay(trace, null);
        assertThat(onModel.passed()).as(text).isTrue();
        // Run on a fresh broken device: the first line whose result differs is the failing step, the last.
        var recorded = dev.ashmem.oracle.replay.DeviceRecorder.record(trace, new GetSizeOffByOne(4096));
        int first = -1;
        for (int i = 0; i < trace.lines().size() && first < 0; i++) {
            if (!trace.lines().get(i).outcome().equals(recorded.lines().get(i).outcome())) {
                first = i;
            }
        }
        assertThat(first).as(text).isEqualTo(trace.lines().size() - 1);
        assertThat(trace.lines().get(first).step()).isInstanceOfSatisfying(Step.Ioctl.class,
                i -> assertThat(i.cmd().name()).isEqualTo("GET_SIZE"));
        assertThat(trace.lines().get(first).comment()).startsWith("implementation: ");
    }

    /** The model, except that GET_SIZE reports one byte more. */
    static final class GetSizeOffByOne implements dev.ashmem.model.AshmemDevice {
        private final dev.ashmem.model.AshmemModel m;

        GetSizeOffByOne(int pageSize) {
            m = new dev.ashmem.model.AshmemModel(pageSize);
        }

        @Override public int pageSize() { return m.pageSize(); }
        @Override public dev.ashmem.model.Result open() { return m.open(); }
        @Override public dev.ashmem.model.Result dup(int fd) { return m.dup(fd); }
        @Override public dev.ashmem.model.Result close(int fd) { return m.close(fd); }

        @Override
        public dev.ashmem.model.Result ioctl(int fd, dev.ashmem.model.Command cmd, dev.ashmem.model.Caller caller) {
            var r = m.ioctl(fd, cmd, caller);
            return cmd instanceof dev.ashmem.model.Command.GetSize && r instanceof dev.ashmem.model.Result.Value v
                    ? new dev.ashmem.model.Result.Value(v.value() + 1) : r;
        }

        @Override
        public dev.ashmem.model.Result mmap(int fd, long length, int prot, boolean shared, long offset, dev.ashmem.model.Caller caller) {
            return m.mmap(fd, length, prot, shared, offset, caller);
        }

        @Override public dev.ashmem.model.Result munmap(int mapping) { return m.munmap(mapping); }
        @Override public dev.ashmem.model.Result mprotect(int mapping, int prot, dev.ashmem.model.Caller caller) { return m.mprotect(mapping, prot, caller); }
        @Override public dev.ashmem.model.Result load(int mapping, long offset, int length) { return m.load(mapping, offset, length); }
        @Override public dev.ashmem.model.Result store(int mapping, long offset, byte[] data) { return m.store(mapping, offset, data); }
        @Override public dev.ashmem.model.Result read(int fd, int count) { return m.read(fd, count); }
        @Override public dev.ashmem.model.Result llseek(int fd, long offset, int whence) { return m.llseek(fd, offset, whence); }
        @Override public long shrinkCount() { return m.shrinkCount(); }
        @Override public long shrinkScan(long nrToScan, boolean mayEnterFs) { return m.shrinkScan(nrToScan, mayEnterFs); }
        @Override public dev.ashmem.model.DeviceSnapshot snapshot() { return m.snapshot(); }
    }
}
