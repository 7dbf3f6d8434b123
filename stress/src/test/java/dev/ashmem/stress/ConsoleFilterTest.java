package dev.ashmem.stress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** jcstress' probe noise leaves the console of a passing run; the smoke mode is named as such. */
class ConsoleFilterTest {
    private static final List<String> CONSOLE = List.of(
            "----- [OK] Checking for C2 availability",
            "----- [N/A] Checking for biased locking support",
            "Unrecognized VM option 'UseBiasedLocking'",
            "Error: Could not create the Java Virtual Machine.",
            "Error: A fatal exception has occurred. Program will exit.",
            "",
            "----- [OK] Trimming down the VM heap size to 256M",
            "Error: a later line is not a probe's",
            "    Test preset mode: \"quick\"");

    private static List<String> shown(String mode) {
        var filter = new ConsoleFilter(mode);
        return CONSOLE.stream().map(filter::show).flatMap(Optional::stream).toList();
    }

    @Test
    void aFailedProbesVmLinesAreLeftOut() {
        assertThat(shown("quick")).containsExactly(
                "----- [OK] Checking for C2 availability",
                "----- [N/A] Checking for biased locking support",
                "",
                "----- [OK] Trimming down the VM heap size to 256M",
                "Error: a later line is not a probe's",
                "    Test preset mode: \"quick\"");
    }

    @Test
    void theSmokeModeIsNamedInThePresetLine() {
        assertThat(shown("smoke").getLast()).startsWith("    Test preset mode: smoke (");
    }
}
