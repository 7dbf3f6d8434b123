package dev.ashmem.stress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.oracle.replay.Replayer;
import dev.ashmem.oracle.replay.Reports;
import dev.ashmem.trace.Outcome;
import dev.ashmem.trace.Step;
import dev.ashmem.trace.TraceParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./ashmem stress} prints for a FORBIDDEN outcome: the summary line, then the outcome as an
 * {@code ashmem-trace 1} trace, kept in the run directory and printed as it stands; cut from the printed
 * summary, the text (up to the blank line after it) replays on the model up to the step the driver would not take.
 */
class ReportTracesTest {
    private static final String TEST = "Pin_01_RacesInFlightPunch";
    private static final String LATE_PUNCH = "pin=WAS_PURGED, page=0";

    @Test
    void aForbiddenOutcomeIsPrintedAsATraceThatReplayRuns(@TempDir Path run) throws Exception {
        var file = ResultReader.traceOf(run, TEST, LATE_PUNCH, 0);
        assertThat(file).isEqualTo(run.resolve("traces").resolve(TEST + "-1.trace").toAbsolutePath());
        var forbidden = new CampaignReport.Forbidden(TEST, LATE_PUNCH, 1083, "PIN went ahead", file);
        var report = new CampaignReport(List.of(new CampaignReport.TestLine(TEST, "NORMAL", false, 6335, 1000, List.of(forbidden))),
                Duration.ofSeconds(15), run.resolve("report/index.html"));
        report.write(run.resolve(CampaignReport.SUMMARY));
        var printed = new ByteArrayOutputStream();
        CampaignReport.load(run.resolve(CampaignReport.SUMMARY)).print(new PrintStream(printed, true, StandardCharsets.UTF_8));

        String out = printed.toString(StandardCharsets.UTF_8);
        String heading = "# " + TEST + " \"" + LATE_PUNCH + "\" (" + file + "):\n";
        assertThat(out).contains(heading);
        String text = out.substring(out.indexOf(heading) + heading.length());
        text = text.substring(0, text.indexOf("\n\n") + 1); // a blank line ends it
        var r = Replayer.replay(TraceParser.parse("stress report", text), null);
        assertThat(r.problem()).as(Reports.render(r)).isNull();
        assertThat(r.divergence()).as(text).isNotNull();
        assertThat(r.divergence().line().step()).isInstanceOf(Step.Ioctl.class);
        assertThat(r.divergence().verdict().expected()).isEqualTo(new Outcome.Blocked());
        assertThat(r.divergence().verdict().observed()).isEqualTo(new Outcome.Ret(1));
    }

    @Test
    void anOutcomeNoSerialOrderGivesIsSaidSo(@TempDir Path run) throws Exception {
        var file = ResultReader.traceOf(run, TEST, "pin=WAS_PURGED, page=X", 0);
        assertThat(java.nio.file.Files.readString(file)).contains("no serial order of the model's steps gives it");
        assertThat(ResultReader.traceOf(run, "SomeOtherTest", "x", 0)).isNull();
    }
}
