package dev.ashmem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.properties.CoverageFile;
import dev.ashmem.stress.CampaignReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The campaign's HTML report shows what the parts wrote: coverage by chapter, failures, jcstress, the checker. */
class HtmlReportTest {
    @TempDir
    Path dir;

    /** The checkout, for spec/'s chapters (tests run in the module's directory). */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyPartIsInTheReport() throws Exception {
        var results = dir.resolve("results");
        CoverageFile.write(results.resolve("differential"), Map.of("PIN-CASE-4", 12L, "UNPIN-MERGE", 3L));
        Files.writeString(results.resolve("differential/failure-1.txt"), "Minimal counterexample:\n  step 1: ioctl 0 PIN 0 <4096> -> 0\n");
        var run = Files.createDirectories(results.resolve("stress/20261205-120000-smoke"));
        Files.createDirectories(run.resolve("report"));
        Files.writeString(run.resolve("report/index.html"), "<html></html>");
        new CampaignReport(List.of(
                new CampaignReport.TestLine("Pin_01_RacesInFlightPunch", "NORMAL", true, 5000, 1000, List.of()),
                new CampaignReport.TestLine("Unpin_02_TwoAreasRaceToLru", "NORMAL", false, 4000, 1000,
                        List.of(new CampaignReport.Forbidden("Unpin_02_TwoAreasRaceToLru", "1, 0", 7, "lost update", null)))),
                Duration.ofSeconds(3), run.resolve("report/index.html")).write(run.resolve(CampaignReport.SUMMARY));

        var file = HtmlReport.write(results, ROOT, new HtmlReport.Parts("the reference implementation", Verdict.FAILED,
                Verdict.FAILED, Verdict.PASSED, "model-check: depth 3, 10 states\n# result: PASS, every invariant holds in every state\n"));

        var html = Files.readString(file);
        assertThat(file).isEqualTo(results.resolve("report.html"));
        assertThat(html).contains("<td>4. Pinning: PIN, UNPIN, GET_PIN_STATUS</td>", "PIN-CASE-4 (12)", "<b class=\"FAILED\">PIN-CASE-1 (0)</b>")
                .contains("failure-1.txt", "step 1: ioctl 0 PIN 0 &lt;4096&gt; -&gt; 0")
                .contains("<a href=\"stress/20261205-120000-smoke/report/index.html\">jcstress' report</a>", "1, 0 x7: lost update")
                .contains("# result: PASS").doesNotContain("model-check: depth");
    }

    @Test
    void withoutSpecTheRulesAreGroupedByPrefix() throws Exception {
        var chapters = HtmlReport.chapters(dir);
        assertThat(chapters).containsKey("PIN").containsKey("SHRINK");
        assertThat(chapters.get("PIN")).contains("PIN-CASE-4").doesNotContain("PINARG-LEN0");
        assertThat(HtmlReport.chapters(ROOT).keySet()).hasSize(9).first().asString().startsWith("1. ");
    }

    @Test
    void aCampaignWritesItsReportBesideItsResults() throws Exception {
        var out = new ByteArrayOutputStream();
        int status = CampaignCommand.run(new PrintStream(out, true), new PrintStream(new ByteArrayOutputStream(), true), ROOT,
                "--tries", "3", "--seed", "7", "--no-stress", "--model-check-scope", "small", "--out", dir.toString());
        assertThat(status).isZero();
        assertThat(out.toString()).contains("campaign report: " + dir.resolve("report.html"));
        assertThat(Files.readString(dir.resolve("report.html"))).contains("rules a single caller can fire were covered", "# result: PASS");
    }
}
