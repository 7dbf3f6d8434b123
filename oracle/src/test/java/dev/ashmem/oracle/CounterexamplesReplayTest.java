package dev.ashmem.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.check.Explorer;
import dev.ashmem.check.Kernel;
import dev.ashmem.check.Scopes;
import dev.ashmem.check.TracePrinter;
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
}
