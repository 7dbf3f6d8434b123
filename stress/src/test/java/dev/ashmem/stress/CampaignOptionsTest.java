package dev.ashmem.stress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class CampaignOptionsTest {

    @Test
    void everyRunGivesTheForkedVmsNativeAccessAndTheVariant() {
        var args = CampaignOptions.parse("--mode", "quick", "--variant", "no-inflight-wait").toJcstressArgs();
        assertThat(args).containsSequence("-m", "quick")
                .containsSequence("-jvmArgsPrepend", "--enable-native-access=ALL-UNNAMED -Dashmem.stress.variant=no-inflight-wait")
                .containsSequence("-t", CampaignOptions.ALL_TESTS)
                .doesNotContain("-jvmArgs", "-time", "-iters");
    }

    @Test
    void smokeIsOneShortIterationInOneJvmConfiguration() {
        var args = CampaignOptions.parse("--mode", "smoke", "--tests", "Pin_").toJcstressArgs();
        assertThat(args).containsSequence("-jvmArgs", "--enable-native-access=ALL-UNNAMED")
                .containsSequence("-time", Integer.toString(CampaignOptions.SMOKE_TIME_MS))
                .containsSequence("-iters", "1")
                .containsSequence("-sc", "false")
                .containsSequence("-t", "Pin_");
    }

    @Test
    void overridesAndPassThroughArgumentsArePassedOn() {
        var args = CampaignOptions.parse("--mode", "tough", "--time", "300", "--forks", "2", "--split", "true",
                "--", "-v", "-c", "2").toJcstressArgs();
        assertThat(args).containsSequence("-time", "300").containsSequence("-f", "2").containsSequence("-sc", "true")
                .endsWith("-v", "-c", "2");
    }

    @Test
    void badOptionsAreRefused() {
        assertThatThrownBy(() -> CampaignOptions.parse("--mode", "forever")).hasMessageContaining("unknown mode 'forever'");
        assertThatThrownBy(() -> CampaignOptions.parse("--variant", "typo")).hasMessageContaining("unknown variant 'typo'");
        assertThatThrownBy(() -> CampaignOptions.parse("--time")).hasMessageContaining("Missing required parameter for option '--time'");
        assertThatThrownBy(() -> CampaignOptions.parse("--time", "soon")).hasMessageContaining("'soon' is not a number");
        assertThatThrownBy(() -> CampaignOptions.parse("--forks", "0")).hasMessageContaining("must be at least 1");
        assertThatThrownBy(() -> CampaignOptions.parse("--nope")).hasMessageContaining("Unknown option: '--nope'");
        assertThatThrownBy(() -> CampaignOptions.parse("quick")).hasMessageContaining("jcstress options go after --");
        // an option this command sets itself would be given twice (jcstress refused it with a stack trace)
        assertThatThrownBy(() -> CampaignOptions.parse("--tests", "Pin_01", "--", "-t", "Close"))
                .hasMessageContaining("jcstress option -t after --: this command sets it (use --tests)");
        assertThatThrownBy(() -> CampaignOptions.parse("--", "-jvmArgsPrepend", "-Xint"))
                .hasMessageContaining("jcstress option -jvmArgsPrepend after --: this command sets it (it carries the variant under test)");
        assertThatThrownBy(() -> CampaignOptions.parse("--jar", "/no/such.jar")).hasMessageContaining("--jar: /no/such.jar is not a file");
    }

    @Test
    void aTestsRegexThatMatchesNoTestIsRefusedBeforeAnythingRuns() {
        // Before: jcstress said "FATAL: No matching tests." and the run died with a stack trace and "no verdict".
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = StressMain.run(new PrintStream(out, true), new PrintStream(err, true), "--mode", "smoke", "--tests", "NoSuchTest");
        assertThat(status).isEqualTo(2);
        assertThat(err.toString().lines().findFirst()).hasValueSatisfying(l -> assertThat(l).startsWith(
                "Invalid value for option '--tests': 'NoSuchTest' matches none of the 13 tests, so the run would check nothing"));
        assertThat(err.toString()).contains("Usage: stress").doesNotContain("Exception");
        assertThat(out.toString()).isEmpty();
        assertThatThrownBy(() -> CampaignOptions.parse("--tests", "Pin_(")).hasMessageContaining("'Pin_(' is not a regular expression");
        assertThat(CampaignOptions.parse("--tests", "Pin_").tests()).isEqualTo("Pin_");
    }

    @Test
    void helpPrintsUsageAndRunsNothing() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = StressMain.run(new PrintStream(out, true), new PrintStream(err, true), "--help");
        assertThat(status).isZero();
        assertThat(out.toString()).startsWith("Usage: stress").contains("--mode", "--expect-forbidden")
                .doesNotContain("ashmem stress: variant");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void tracesPrintsEachNamedOutcomeOfTheSelectedTestsAndRunsNothing() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = StressMain.run(new PrintStream(out, true), new PrintStream(err, true), "--traces", "--tests", "Pin_01");
        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).doesNotContain("ashmem stress: variant")
                .contains("# Pin_01_RacesInFlightPunch: \"pin=WAS_PURGED, page=B\", allowed")
                .contains("# Pin_01_RacesInFlightPunch: \"pin=WAS_PURGED, page=0\", FORBIDDEN")
                .contains("# Pin_01_RacesInFlightPunch: \"pin=NOT_PURGED, page=B\": no serial order")
                .doesNotContain("Pin_12");
        assertThat(StressMain.run(new PrintStream(out, true), new PrintStream(err, true), "--traces", "--tests", "Nope_99")).isEqualTo(2); // a regex matching no test is a usage error
    }

    @Test
    void aBadOptionPrintsOneLineAndTheUsageAndExitsTwo() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = StressMain.run(new PrintStream(out, true), new PrintStream(err, true), "--iters", "-3");
        assertThat(status).isEqualTo(2);
        assertThat(err.toString().lines().findFirst()).hasValue("Invalid value for option '--iters': must be at least 1, not -3");
        assertThat(err.toString()).contains("Usage: stress");
        assertThat(out.toString()).isEmpty();
    }

    /** Every test --tests selected must have a line in jcstress' report: one skipped or lost is not a pass. */
    @Test
    void selectedTestsWithoutAResultAreNamed() {
        var pin = new CampaignReport.TestLine("Pin_01_RacesInFlightPunch", "OK", true, 10, 1000, java.util.List.of());
        var report = new CampaignReport(java.util.List.of(pin), java.time.Duration.ofSeconds(1), null);
        assertThat(StressMain.missing("Pin_01", report)).isEmpty();
        assertThat(StressMain.missing("Pin_01|Close_07", report)).containsExactly("Close_07_ReleaseRacesScan");
    }
}
