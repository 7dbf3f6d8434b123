package dev.ashmem.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.trace.Profile;
import dev.ashmem.oracle.replay.Expecter;
import dev.ashmem.oracle.replay.Replayer;
import dev.ashmem.oracle.replay.Reports;
import dev.ashmem.trace.Outcome;
import dev.ashmem.trace.TraceParser;
import dev.ashmem.trace.TracePrinter;
import org.junit.jupiter.api.Test;

/** Replay finds the first divergence and explains it; expect writes the model's results. */
class ReplayTest {

    private static String report(String text) {
        return Reports.render(Replayer.replay(TraceParser.parse("t.trace", text), null));
    }

    @Test
    void aMatchingTraceWithRealDescriptorsAndAddressesPasses() {
        var r = Replayer.replay(TraceParser.parse("t", """
                open -> 3
                open -> 4
                ioctl 4 SET_SIZE 8192 -> 0
                mmap 4 8192 rw- shared 0 -> 0x7f0000001000
                close 3 -> 0
                ioctl 3 GET_SIZE -> -EBADF
                # the descriptor number comes back for a new area
                open -> 3
                ioctl 3 GET_SIZE -> 0
                store 0x7f0000001000 0 "x" -> 0
                munmap 0x7f0000001000 -> 0
                load 0x7f0000001000 0 1 -> SIGSEGV
                mmap 4 4096 r-- private 0 -> 0x7f0000001000
                load 0x7f0000001000 0 1 -> hex:00
                """), null);
        assertThat(r.passed()).as(Reports.render(r)).isTrue();
        assertThat(r.checked()).isEqualTo(13);
    }

    /**
     * An implementation's name for a new handle or mapping must be one that can stand for it: not a C failure
     * value (fd -1, MAP_FAILED), not address 0, not a name still bound to a live one. They all matched before
     * (a mapped name agrees with any name), and the live one was silently rebound.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "open -> -1                                                                   | 1",
            "open -> 3; open -> 3                                                         | 2",
            "open -> 3; ioctl 3 SET_SIZE 4096 -> 0; mmap 3 4096 rw- shared 0 -> 0xffffffffffffffff | 3",
            "open -> 3; ioctl 3 SET_SIZE 4096 -> 0; mmap 3 4096 rw- shared 0 -> 0         | 3",
            "open -> 3; ioctl 3 SET_SIZE 8192 -> 0; mmap 3 4096 rw- shared 0 -> 0x7f00; mmap 3 4096 rw- shared 4096 -> 0x7f00 | 4",
    })
    void aNameThatCannotStandForANewHandleOrMappingDiverges(String lines, int line) {
        var r = Replayer.replay(TraceParser.parse("t", lines.strip().replace("; ", "\n") + "\n"), null);
        assertThat(r.passed()).as(Reports.render(r)).isFalse();
        assertThat(Reports.render(r)).contains("line " + line + " diverges");
        // the same names, each once and while free, are fine
        var fine = Replayer.replay(TraceParser.parse("t", "open -> 3\nclose 3 -> 0\nopen -> 3\nioctl 3 SET_SIZE 8192 -> 0\n"
                + "mmap 3 4096 rw- shared 0 -> 0x7f00\nmunmap 0x7f00 -> 0\nmmap 3 4096 rw- shared 4096 -> 0x7f00\n"), null);
        assertThat(fine.passed()).as(Reports.render(fine)).isTrue();
    }

    @Test
    void aDivergenceNamesLineResultsRuleAndState() {
        String text = report("""
                ashmem-trace 1
                open -> 3
                ioctl 3 SET_SIZE 16384 -> 0
                mmap 3 16384 rw- shared 0 -> 0x7f00
                ioctl 3 UNPIN 0 4096 -> 0
                ioctl 3 SET_SIZE 4096 -> 0
                """);
        assertThat(text).contains("t.trace: line 6 diverges from profile mainline", "expected: -EINVAL", "observed: 0",
                "deciding rule: SIZE-FILE", "area 0 fds=[0]", "unpinned=[[0..0]]", "trace names: handles 3=fd 0; mappings 0x7f00=map 1",
                "no other profile (" + otherProfiles() + ") explains it either");
    }

    @Test
    void theOrderOfArgumentChecksDecides() {
        // len 0 past the end: the truncated length overflows before the bounds are checked
        assertThat(report("""
                open -> a
                ioctl a SET_SIZE 65536 -> 0
                mmap a 4096 rw- shared 0 -> m
                ioctl a PIN 69632 0 -> 0
                """)).contains("deciding rule: PINARG-OVERFLOW", "PINARG-LEN0");
        // whence is checked before the size
        assertThat(report("open -> a\nllseek a 0 9 -> -EBADF\n")).contains("expected: -EINVAL", "deciding rule: SEEK-WHENCE");
        // an unreadable name gives EFAULT even when the file exists
        assertThat(report("""
                open -> a
                ioctl a SET_SIZE 4096 -> 0
                mmap a 4096 rw- shared 0 -> m
                ioctl a SET_NAME badptr -> -EINVAL
                """)).contains("expected: -EFAULT", "deciding rule: NAME-EFAULT");
    }

    @Test
    void aRustBehaviourIsRecognised() {
        String text = report("open -> 3\nioctl 3 0x770b -> -EINVAL\n");
        assertThat(text).contains("this behaviour matches profile rust-2024: unknown ioctl -> EINVAL (reference: IOCTL-UNKNOWN; source: ashmem_rust.rs Ashmem::ioctl",
                "profile rust-2024 agrees with the whole trace");
        var r = Replayer.replay(TraceParser.parse("t", "open -> 3\nioctl 3 0x770b -> -EINVAL\n"), Profile.RUST_2024);
        assertThat(r.passed()).isTrue();
    }

    @Test
    void aMemfdBehaviourIsRecognisedWithTheLineThatAppliedIt() {
        String text = report("""
                open -> a
                ioctl a SET_SIZE 8192 -> 0
                mmap a 8192 rw- shared 0 -> m
                ioctl a UNPIN 0 8192 -> 0
                ioctl a GET_PIN_STATUS 0 8192 -> 1
                """);
        assertThat(text).contains("line 5 diverges", "expected: 0", "observed: 1",
                "this behaviour matches profile memfd: GET_PIN_STATUS always reports IS_PINNED",
                "earlier: PIN and UNPIN do nothing and report NOT_PURGED (nothing is ever purged) (reference: PIN-RET, UNPIN-INSERT) at line 4 (ioctl a UNPIN 0 8192)");
    }

    @Test
    void userSpaceResultsAreTruncatedToInt() {
        String trace = """
                ashmem-trace 1
                results user
                open -> a
                ioctl a SET_SIZE 0x180000000 -> 0
                ioctl a GET_SIZE -> -2147483648
                """;
        assertThat(Replayer.replay(TraceParser.parse("t", trace), null).passed()).isTrue();
        var kernel = Replayer.replay(TraceParser.parse("t", trace.replace("results user", "results kernel")), null);
        assertThat(kernel.passed()).isFalse();
        assertThat(Reports.render(kernel)).contains("expected: 6442450944");
    }

    @Test
    void exactNamesCheckHandleNumbers() {
        var r = Replayer.replay(TraceParser.parse("t", "ashmem-trace 1\nnames exact\nopen -> 3\n"), null);
        assertThat(Reports.render(r)).contains("expected: 0", "observed: 3", "deciding rule: HANDLE-NUM");
    }

    @Test
    void expectFillsInTheModelsResultsAndKeepsNames() {
        var input = TraceParser.parse("in", """
                open -> a
                ioctl a SET_SIZE 8192
                mmap a 8192 rw- shared 0 -> m
                store m 0 "hi"
                ioctl a UNPIN 0 4096
                ioctl a PURGE_ALL_CACHES [cap]
                load m 0 2
                open
                ioctl 1 GET_NAME
                """);
        var out = Expecter.expect(input, Profile.MAINLINE);
        String printed = TracePrinter.print(out);
        assertThat(printed).contains("open -> a", "mmap a 8192 rw- shared 0 -> m", "ioctl a PURGE_ALL_CACHES [cap] -> 1",
                "load m 0 2 -> hex:0000", "open -> 1", "ioctl 1 GET_NAME -> \"dev/ashmem\\0\"", "profile mainline");
        assertThat(out.lines()).allMatch(l -> l.outcome() != null);
        assertThat(Replayer.replay(TraceParser.parse("again", printed), null).passed()).isTrue();
        var memfd = Expecter.expect(input, Profile.MEMFD);
        assertThat(memfd.lines().get(5).outcome()).isEqualTo(new Outcome.Ret(0));
        assertThat(TracePrinter.print(memfd)).contains("load m 0 2 -> \"hi\"", "profile memfd");
    }

    /** Every profile but mainline, in the enum's order, as the report lists them. */
    private static String otherProfiles() {
        return java.util.Arrays.stream(Profile.values()).filter(p -> p != Profile.MAINLINE).map(Profile::word)
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
