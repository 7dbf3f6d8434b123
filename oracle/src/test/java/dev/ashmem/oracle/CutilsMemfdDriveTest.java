package dev.ashmem.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The cutils-memfd profile against the real AOSP libcutils: examples/cutils-memfd's adapter, built
 * against a system/core checkout (its README), named by the environment variable CUTILS_MEMFD_ADAPTER.
 * The library is not in this repository, so without the variable these tests are skipped, saying why.
 */
class CutilsMemfdDriveTest {

    static String adapter() {
        String path = System.getenv("CUTILS_MEMFD_ADAPTER");
        Assumptions.assumeTrue(path != null && !path.isBlank(),
                "CUTILS_MEMFD_ADAPTER is not set: build examples/cutils-memfd against libcutils (its README) to run these");
        Assumptions.assumeTrue(Files.isExecutable(Path.of(path)), "CUTILS_MEMFD_ADAPTER=" + path + " is not an executable file");
        return path;
    }

    @Test
    void theRealLibraryPassesUnderCutilsMemfd() {
        var r = DriveTest.drive(adapter(), "--seed", "7", "--sequences", "300");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("drive: passed 300 sequences", "under profile cutils-memfd");
    }

    @Test
    void theRealLibraryFailsUnderMainlineAndIsRecognised() {
        var r = DriveTest.drive(adapter(), "--profile", "mainline", "--seed", "7", "--sequences", "300");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("drive: FAILED", "diverges from profile mainline", "this behaviour matches profile cutils-memfd");
        CliTest.noStackTrace(r);
    }
}
