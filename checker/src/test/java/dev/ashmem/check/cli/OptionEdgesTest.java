package dev.ashmem.check.cli;

import static dev.ashmem.check.cli.ModelCheckMainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Command lines an outside review found mishandled: each is a one-line usage error (exit 2), honoured as
 * given, or, out of heap, exit 3 with a message.
 */
class OptionEdgesTest {
    private static void usageError(ModelCheckMainTest.Run r, String message) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message).doesNotContain("Exception", "\tat ");
    }

    @Test
    void aHugeScanMaxIsRefusedBeforeItsActionsAreBuilt() {
        // Before: OutOfMemoryError in Alphabet.build, a stack trace and exit 1.
        usageError(run("--quiet", "--scan-max", "2147483647"), "more than the 65,536 a run can tell apart");
    }

    @Test
    void noExploreAloneChecksNothingAndSaysSo() {
        usageError(run("--quiet", "--no-explore"), "--no-explore needs --validate or --refine");
        assertThat(run("--quiet", "--no-explore", "--validate").code()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2^64", "4503599627370496P", "0P-1", "2^3-9", "18446744073709551616", "2^99999999999"})
    void sizesOutsideU64AreRefusedNotWrapped(String size) {
        usageError(run("--quiet", "--alphabet", "size", "--sizes", size), "size out of u64: " + size);
    }

    @Test
    void theLargestU64SizesStillRead() {
        var r = run("--quiet", "--alphabet", "size", "--sizes", "2^64-1,2251799813685248P,18446744073709551615,2^63", "--max-depth", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("sizes 18446744073709551615,9223372036854775808,18446744073709551615,9223372036854775808");
    }

    @Test
    void anExplicitMaxMappingsOfZeroIsTheBound() {
        var r = run("--quiet", "--initial", "sized", "--alphabet", "mmap,munmap", "--max-mappings", "0");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("max-mappings 0").contains("states 1 (complete)");
    }

    @Test
    void callersAndShrinkersNeedConcurrency() {
        usageError(run("--quiet", "--callers", "2"), "--callers and --shrinkers apply with --concurrency only");
        usageError(run("--quiet", "--shrinkers", "1"), "--callers and --shrinkers apply with --concurrency only");
        assertThat(run("--quiet", "--scope", "conc", "--callers", "1").code()).isZero();
    }

    @Test
    void validationOutOfHeapIsExit3WithAMessage() throws Exception {
        // A JVM of 32 MB cannot hold 1x8's validation: before, a stack trace and exit 1 (which means a divergence).
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var p = new ProcessBuilder(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"), ModelCheckMain.class.getName(),
                "--scope", "1x8", "--quiet", "--validate", "--no-explore").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(3);
        assertThat(out).contains("model-check: the scope's states do not fit the heap").doesNotContain("\tat ");
    }

    @Test
    void aNamedScopesSizesFollowThePageSize() {
        var r = run("--quiet", "--scope", "surface", "--page-size", "16384", "--max-depth", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("sizes 0,1,32768,9223372036854775808");
        assertThat(run("--quiet", "--scope", "surface-2x1", "--page-size", "65536", "--max-depth", "1").out()).contains("sizes 0,65536");
    }

    @Test
    void theDirectoriesMadeForSpillFilesGoWithThem(@org.junit.jupiter.api.io.TempDir Path tmp) {
        Path top = tmp.resolve("new");
        var r = run("--scope", "small", "--memory", "1m", "--spill-dir", top.resolve("a/b").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("states 466 (complete)");
        assertThat(r.err()).contains("going on on disk under " + top.resolve("a/b")); // on the command's error stream
        assertThat(top).doesNotExist();
        // an existing --spill-dir stays
        assertThat(run("--quiet", "--scope", "small", "--memory", "1m", "--spill-dir", tmp.toString()).code()).isZero();
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void versionAndAHugeWorkerCount() {
        var v = run("--version");
        assertThat(v.code()).isZero();
        assertThat(v.out()).contains("ashmem model-check 0.1.0");
        usageError(run("--quiet", "--workers", "2147483647"), "--workers 2147483647: at most 1024");
    }

    @Test
    void anAlphabetThatMakesNoActionIsRefused() {
        usageError(run("--quiet", "--alphabet", ","), "the alphabet makes no action in this scope");
        usageError(run("--quiet", "--alphabet", "efault,overflow", "--initial", "fresh"), "nothing to explore");
    }
}
