package dev.ashmem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The campaign's command line: help, bad options, a short real run and its summary line. */
class CampaignCommandTest {
    record Run(int status, String out, String err) {
    }

    @TempDir
    Path dir;

    Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = CampaignCommand.run(new PrintStream(out, true), new PrintStream(err, true), dir, args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void helpPrintsHelpAndNothingElse() {
        var r = run("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("Usage: campaign").contains("--time", "--tries", "--seed", "--impl", "--out",
                "--stress-mode", "--no-stress", "--model-check-scope", "--no-model-check");
        assertThat(r.out()).doesNotContain("== 1/3", "campaign summary");
        assertThat(r.err()).isEmpty();
        assertThat(dir.resolve("target")).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--tries x            | Invalid value for option '--tries': 'x' is not a number",
            "--tries 0            | Invalid value for option '--tries': must be at least 1, not 0",
            "--time soon          | Invalid value for option '--time': not a duration: 'soon' (try 500ms, 5s, 2m, 1h)",
            "--time 0             | Invalid value for option '--time': must be more than zero, not '0'",
            "--time -5s           | Invalid value for option '--time': must be more than zero, not '-5s'",
            "--seed 12ab          | Invalid value for option '--seed': '12ab' is not a number",
            "--fast               | Unknown option: '--fast'",
            "--stress-mode crazy  | Invalid value for option '--stress-mode': unknown mode 'crazy'; known: smoke, sanity, quick, default, tough, stress",
            "--model-check-scope 9x9 | Invalid value for option '--model-check-scope': unknown scope '9x9'",
            "--impl java.lang.String | --impl: java.lang.String does not implement dev.ashmem.model.AshmemDevice",
    })
    void aBadOptionPrintsOneLineAndTheUsageAndExitsTwo(String args, String firstLine) {
        var r = run(args.strip().split(" "));
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines().findFirst()).hasValueSatisfying(l -> assertThat(l).startsWith(firstLine));
        assertThat(r.err()).contains("Usage: campaign");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aShortRunOfTheInProcessPartsEndsWithTheSummaryLine() {
        var r = run("--tries", "3", "--seed", "7", "--no-stress", "--model-check-scope", "small", "--out", dir.resolve("out").toString());
        assertThat(r.out()).contains("== 1/3 differential property suite against the reference implementation")
                .doesNotContain("== 2/3").contains("== 3/3 model checking, scope small")
                .endsWith("campaign summary: differential passed, stress skipped, model checking passed; results in "
                        + dir.resolve("out") + System.lineSeparator());
        assertThat(r.status()).isZero();
    }

    @Test
    void theStressPartFailsWhenItsJarIsMissing() {
        // The root here is an empty directory: no stress/target/jcstress.jar.
        var r = run("--tries", "1", "--no-model-check");
        assertThat(r.out()).contains("== 2/3 jcstress (smoke)", "jcstress.jar is missing")
                .contains("campaign summary: differential passed, stress FAILED, model checking skipped; results in "
                        + dir.resolve("target").resolve("campaign"));
        assertThat(r.status()).isEqualTo(1);
    }

    @Test
    void theSummaryNamesEachPart() {
        assertThat(CampaignCommand.summary(Verdict.FAILED, Verdict.PASSED, Verdict.SKIPPED, Path.of("/r")))
                .isEqualTo("campaign summary: differential FAILED, stress passed, model checking skipped; results in /r");
    }
}
