package dev.ashmem.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.infra.runners.TestList;

/**
 * The build's jcstress run: every test, smoke mode (one short iteration per JVM mode), against the
 * reference implementation. Any FORBIDDEN outcome or test error fails the build.
 * {@code -Dstress.skipRun} skips it.
 */
class ShortCampaignIT {

    @Test
    void everyTestPassesASmokeRun() throws Exception {
        assumeFalse(Boolean.getBoolean("stress.skipRun"), "stress.skipRun is set");
        var options = CampaignOptions.parse("--mode", "smoke",
                "--jar", System.getProperty("stress.jar", "target/jcstress.jar"),
                "--results", System.getProperty("stress.resultsDir", "target/jcstress-short"));
        var report = new Campaign(options, System.out).run();

        assertThat(report.tests()).as("tests that ran").hasSize(TestList.tests().size());
        assertThat(report.forbidden()).as("FORBIDDEN outcomes (report: %s)", report.html()).isEmpty();
        assertThat(report.tests()).as("tests with errors (report: %s)", report.html())
                .noneMatch(CampaignReport.TestLine::error);
        assertThat(report.passed()).as("verdict").isTrue();
    }
}
