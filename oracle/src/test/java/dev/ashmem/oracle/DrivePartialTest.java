package dev.ashmem.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.generator.OpKind;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.AshmemModel;
import dev.ashmem.oracle.profile.Profiles;
import dev.ashmem.oracle.protocol.AcceptedDifferences;
import dev.ashmem.oracle.protocol.Driver;
import dev.ashmem.oracle.protocol.Hello;
import dev.ashmem.oracle.protocol.InProcessClient;
import dev.ashmem.oracle.protocol.ProtocolServer;
import dev.ashmem.oracle.protocol.ServerConnection;
import dev.ashmem.trace.Profile;
import dev.ashmem.trace.ResultsMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * drive against partial and imperfect implementations, served in this JVM: classes they cannot express,
 * int ioctl() results, several divergences per run with accepted ones, failed resets.
 */
class DrivePartialTest {

    /** Every request line a run sent, in order, over all connections. */
    static class Recording implements ServerConnection {
        final ServerConnection inner;
        final List<String> sent;
        final Hello hello;

        Recording(ServerConnection inner, List<String> sent) {
            this(inner, sent, inner.hello());
        }

        /** Says {@code hello} instead of what the server says. */
        Recording(ServerConnection inner, List<String> sent, Hello hello) {
            this.inner = inner;
            this.sent = sent;
            this.hello = hello;
        }

        @Override
        public Hello hello() {
            return hello;
        }

        @Override
        public boolean alive() {
            return inner.alive();
        }

        @Override
        public String request(String line) {
            sent.add(line);
            return inner.request(line);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    static Driver.Options options(long seed, int sequences, Set<OpKind> skip, int maxFailures, AcceptedDifferences accepted) {
        return new Driver.Options("in-process", null, seed, sequences, Driver.DEFAULT_STEPS, Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(10), false, skip, maxFailures, accepted);
    }

    static Supplier<ServerConnection> model(Profile profile, Hello hello, Set<OpKind> refused, List<String> sent) {
        var server = new ProtocolServer(() -> Profiles.newDevice(profile, 4096), hello, refused);
        return () -> new Recording(new InProcessClient(server), sent);
    }

    static Hello hello(Profile profile, ResultsMode results, Set<OpKind> unsupported) {
        return new Hello(Hello.VERSION, 4096, profile, "model", results, unsupported);
    }

    private static long sentOf(List<String> sent, String prefix) {
        return sent.stream().filter(l -> l.startsWith(prefix)).count();
    }

    @Test
    void classesRefusedAtRunTimeAreSentOnceThenNeverAgainAndTheReportSaysSo() {
        var sent = new ArrayList<String>();
        var r = Driver.run(options(4, 60, Set.of(), 5, AcceptedDifferences.NONE),
                model(Profile.MAINLINE, hello(Profile.MAINLINE, ResultsMode.KERNEL, Set.of()), EnumSet.of(OpKind.SHRINK, OpKind.PIN_FAMILY), sent));
        assertThat(r.passed()).as(r.text()).isTrue();
        // the first shrinker request and the first PIN or UNPIN are refused; none follows
        assertThat(sentOf(sent, "shrink_") + sent.stream().filter(l -> l.contains(" PURGE_ALL_CACHES")).count()).isEqualTo(1);
        assertThat(sent.stream().filter(l -> l.matches("ioctl \\S+ (PIN|UNPIN) .*")).count()).isEqualTo(1);
        // GET_PIN_STATUS is a class of its own: still sent
        assertThat(sent.stream().filter(l -> l.matches("ioctl \\S+ GET_PIN_STATUS .*")).count()).isPositive();
        assertThat(r.text()).containsPattern("pin_unpin +0  refused: 'error unsupported pin_unpin'; not drawn after that")
                .containsPattern("pin_status +[1-9][0-9]*\n")
                .containsPattern("shrink +0  refused: 'error unsupported shrink'")
                .containsPattern("access +[1-9][0-9]*\n");
    }

    /** An implementation without GET_PIN_STATUS alone (a library API that has none) is driven on PIN and UNPIN. */
    @Test
    void anImplementationRefusingOnlyGetPinStatusIsDrivenOnPinAndUnpin() {
        var sent = new ArrayList<String>();
        var r = Driver.run(options(2, 60, Set.of(), 5, AcceptedDifferences.NONE),
                model(Profile.MAINLINE, hello(Profile.MAINLINE, ResultsMode.KERNEL, Set.of()), EnumSet.of(OpKind.PIN_STATUS), sent));
        assertThat(r.passed()).as(r.text()).isTrue();
        assertThat(sent.stream().filter(l -> l.matches("ioctl \\S+ GET_PIN_STATUS .*")).count()).isEqualTo(1);
        assertThat(sent.stream().filter(l -> l.matches("ioctl \\S+ PIN .*")).count()).as(r.text()).isPositive();
        assertThat(sent.stream().filter(l -> l.matches("ioctl \\S+ UNPIN .*")).count()).as(r.text()).isPositive();
        assertThat(r.text()).containsPattern("pin_status +0  refused: 'error unsupported pin_status'; not drawn after that")
                .containsPattern("pin_unpin +[1-9][0-9]*\n")
                .containsPattern("shrink +[1-9][0-9]*\n");
        // declared in the hello line instead: never sent at all
        var declared = new ArrayList<String>();
        var d = Driver.run(options(2, 30, Set.of(), 5, AcceptedDifferences.NONE),
                model(Profile.MAINLINE, hello(Profile.MAINLINE, ResultsMode.KERNEL, EnumSet.of(OpKind.PIN_STATUS)), Set.of(), declared));
        assertThat(d.passed()).as(d.text()).isTrue();
        assertThat(declared.stream().filter(l -> l.contains(" GET_PIN_STATUS ")).count()).isZero();
        assertThat(declared.stream().filter(l -> l.matches("ioctl \\S+ (PIN|UNPIN) .*")).count()).isPositive();
        assertThat(d.text()).containsPattern("pin_status +0  not exercised: the hello line declares it unsupported");
    }

    @Test
    void classesTheHelloDeclaresOrSkipOrOnlyExcludeAreNeverSent() {
        var sent = new ArrayList<String>();
        var r = Driver.run(options(5, 40, EnumSet.of(OpKind.LLSEEK), 5, AcceptedDifferences.NONE),
                model(Profile.MAINLINE, hello(Profile.MAINLINE, ResultsMode.KERNEL, EnumSet.of(OpKind.SHRINK)), Set.of(), sent));
        assertThat(r.passed()).as(r.text()).isTrue();
        assertThat(sentOf(sent, "shrink_")).isZero();
        assertThat(sentOf(sent, "llseek")).isZero();
        assertThat(sentOf(sent, "read")).isPositive();
        assertThat(r.text()).containsPattern("shrink +0  not exercised: the hello line declares it unsupported")
                .containsPattern("llseek +0  skipped");
    }

    @Test
    void aRunThatComparedNothingFails() {
        var sent = new ArrayList<String>();
        var all = EnumSet.allOf(OpKind.class);
        var r = Driver.run(options(1, 10, Set.of(), 5, AcceptedDifferences.NONE),
                model(Profile.MAINLINE, hello(Profile.MAINLINE, ResultsMode.KERNEL, Set.of()), all, sent));
        assertThat(r.passed()).isFalse();
        assertThat(r.text()).startsWith("drive: checked nothing: no request of 10 sequences got a result to compare");
        // --only a class that needs an area, without the set-up's classes: nothing can be drawn
        var only = DriveTest.drive(DriveTest.oracle("serve --impl model"), "--only", "access", "--seed", "1", "--sequences", "5");
        assertThat(only.code()).as(only.out()).isEqualTo(1);
        assertThat(only.out()).contains("drive: checked nothing");
        // the help's list of classes is the generator's
        assertThat(dev.ashmem.oracle.cli.OpKindConverter.KNOWN).isEqualTo(OpKind.labels().replace(",", ", "));
        var usage = DriveTest.drive("true", "--skip", "shrink,pins");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err()).contains("unknown operation class 'pins'; known: pin_unpin,pin_status,shrink,");
    }

    @Test
    void userResultsAreComparedAsReplayComparesAUserTrace() {
        // The server answers as int ioctl() does (a GET_SIZE of 8 GiB arrives as 0): fine when its hello says so.
        var sent = new ArrayList<String>();
        var r = Driver.run(options(2, 100, Set.of(), 5, AcceptedDifferences.NONE),
                model(Profile.MAINLINE, hello(Profile.MAINLINE, ResultsMode.USER, Set.of()), Set.of(), sent));
        assertThat(r.passed()).as(r.text()).isTrue();
        assertThat(sent).anyMatch(l -> l.matches("ioctl \\S+ GET_SIZE"));
        // The same replies under a hello line that claims kernel results diverge on a truncated value.
        var lying = new ProtocolServer(() -> Profiles.newDevice(Profile.MAINLINE, 4096),
                hello(Profile.MAINLINE, ResultsMode.USER, Set.of()));
        var claimsKernel = hello(Profile.MAINLINE, ResultsMode.KERNEL, Set.of());
        Supplier<ServerConnection> connect = () -> new Recording(new InProcessClient(lying), new ArrayList<>(), claimsKernel);
        var wrong = Driver.run(options(2, 100, Set.of(), 5, AcceptedDifferences.NONE), connect);
        assertThat(wrong.passed()).isFalse();
        assertThat(wrong.text()).contains("=== failure 1 of 1: SIZE-GET get_size ===", "results kernel", "ioctl 0 GET_SIZE -> 4096",
                "expected: 8589938688", "observed: 4096");
    }

    @Test
    void everyDistinctDivergenceIsReportedAndAcceptedOnesDoNotFail(@TempDir Path dir) throws Exception {
        var hello = hello(Profile.MEMFD, ResultsMode.KERNEL, Set.of());
        var o = new Driver.Options("in-process", Profile.MAINLINE, 3L, 100, Driver.DEFAULT_STEPS, Duration.ofSeconds(5),
                Duration.ofSeconds(1), Duration.ofSeconds(5), false, Set.of(), 20, AcceptedDifferences.NONE);
        var r = Driver.run(o, model(Profile.MEMFD, hello, Set.of(), new ArrayList<>()));
        assertThat(r.passed()).isFalse();
        var keys = new ArrayList<String>();
        var m = Pattern.compile("=== failure \\d+ of \\d+: (\\S+ \\S+) ===").matcher(r.text());
        while (m.find()) {
            keys.add(m.group(1));
        }
        assertThat(keys).as(r.text()).hasSizeGreaterThanOrEqualTo(3).doesNotHaveDuplicates();
        assertThat(r.text()).containsPattern("FAILED against .*: " + keys.size() + " distinct failures\n");
        // each is shrunk: no minimal trace has more than the set-up and a few steps
        var sizes = Pattern.compile("minimal failing trace \\((\\d+)").matcher(r.text());
        while (sizes.find()) {
            assertThat(Integer.parseInt(sizes.group(1))).isLessThanOrEqualTo(8);
        }
        // Accepting all of them but one: the run still fails, on that one only.
        var file = dir.resolve("accepted.txt");
        var lines = new ArrayList<String>();
        lines.add("# known differences of our memfd shim");
        keys.subList(1, keys.size()).forEach(k -> lines.add(k + "   # accepted"));
        Files.write(file, lines);
        var again = Driver.run(new Driver.Options("in-process", Profile.MAINLINE, 3L, 100, Driver.DEFAULT_STEPS, Duration.ofSeconds(5),
                Duration.ofSeconds(1), Duration.ofSeconds(5), false, Set.of(), 20, AcceptedDifferences.read(file)),
                model(Profile.MEMFD, hello, Set.of(), new ArrayList<>()));
        assertThat(again.passed()).isFalse();
        assertThat(again.text()).contains("1 distinct failure, " + (keys.size() - 1) + " accepted", "=== failure 1 of " + keys.size() + ": " + keys.getFirst())
                .contains("accepted difference 2 of " + keys.size() + ": " + keys.get(1) + " (listed in --accept)");
        // All of them: it passes, and says how many it accepted.
        lines.add(keys.getFirst());
        Files.write(file, lines);
        var all = DriveTest.drive(DriveTest.oracle("serve --impl model --profile memfd"), "--profile", "mainline", "--seed", "3",
                "--max-failures", "20", "--shrink-time", "5s", "--accept", file.toString());
        assertThat(all.code()).as(all.out()).isZero();
        assertThat(all.out()).contains("drive: passed 100 sequences", keys.size() + " accepted differences");
        CliTest.noStackTrace(all);
    }

    @Test
    void anAcceptFileWithAnUnknownRuleOrClassIsAUsageError(@TempDir Path dir) throws Exception {
        var file = dir.resolve("bad.txt");
        Files.writeString(file, "# fine\nPIN-CASE-4 pin_unpin\nBOGUS-RULE-1 pin_unpin\n");
        var r = DriveTest.drive("true", "--accept", file.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(file + ":3: 'BOGUS-RULE-1' is not a rule of the spec");
        Files.writeString(file, "PIN-CASE-4 pins\n");
        assertThat(DriveTest.drive("true", "--accept", file.toString()).err()).contains(":1: unknown operation class 'pins'");
        Files.writeString(file, "PIN-CASE-4\n");
        assertThat(DriveTest.drive("true", "--accept", file.toString()).err()).contains(":1: expected 'RULE-ID CLASS'");
    }

    @Test
    void theMaxFailuresBoundStopsTheSearch() {
        var hello = hello(Profile.MEMFD, ResultsMode.KERNEL, Set.of());
        var o = new Driver.Options("in-process", Profile.MAINLINE, 3L, 100, Driver.DEFAULT_STEPS, Duration.ofSeconds(5),
                Duration.ofSeconds(1), Duration.ofSeconds(5), false, Set.of(), 2, AcceptedDifferences.NONE);
        var r = Driver.run(o, model(Profile.MEMFD, hello, Set.of(), new ArrayList<>()));
        assertThat(r.text()).contains("2 distinct failures (the search stopped at --max-failures 2)", "=== failure 2 of 2")
                .doesNotContain("failure 3 of");
    }

    /** A connection that answers {@code reset} with {@code answer} itself, without passing it on. */
    static Supplier<ServerConnection> resetAnswered(String answer, List<String> sent) {
        var server = new ProtocolServer(() -> Profiles.newDevice(Profile.MAINLINE, 4096), hello(Profile.MAINLINE, ResultsMode.KERNEL, Set.of()));
        return () -> new Recording(new InProcessClient(server), sent) {
            @Override
            public String request(String line) {
                if (line.equals("reset")) {
                    sent.add(line);
                    return answer;
                }
                return super.request(line);
            }
        };
    }

    @Test
    void aResetThatLeavesStateBehindIsReportedAndStopsTheRun() {
        var sent = new ArrayList<String>();
        var r = Driver.run(options(1, 50, Set.of(), 5, AcceptedDifferences.NONE), resetAnswered("ok", sent));
        assertThat(r.passed()).isFalse();
        assertThat(r.text()).contains("drive: FAILED", "the implementation failed a reset",
                "after 'reset' answered ok before sequence 2, 'ioctl 0 GET_SIZE' answered ", "where a fresh device answers -EBADF",
                "the reset left state of the previous sequence behind", "The run stopped here");
        assertThat(sent.stream().filter("reset"::equals).count()).isEqualTo(1);
    }

    @Test
    void aResetAnsweredWithGarbageIsReportedAndAnErrorMeansAFreshProcess() {
        var r = Driver.run(options(1, 20, Set.of(), 5, AcceptedDifferences.NONE), resetAnswered("banana", new ArrayList<>()));
        assertThat(r.passed()).isFalse();
        assertThat(r.text()).contains("'reset' before sequence 2 was answered 'banana' (it must be 'ok', or 'error ...'");
        var sent = new ArrayList<String>();
        var fresh = Driver.run(options(1, 20, Set.of(), 5, AcceptedDifferences.NONE), resetAnswered("error cannot reset", sent));
        assertThat(fresh.passed()).as(fresh.text()).isTrue();
        assertThat(fresh.text()).contains("the implementation answered 'error cannot reset' to reset: every sequence after that ran on a fresh process");
        assertThat(sent.stream().filter("reset"::equals).count()).isEqualTo(1);
    }

    @Test
    void aRefusedStepIsExplainedNotOfferedForReplay() {
        var server = new ProtocolServer(() -> Profiles.newDevice(Profile.MAINLINE, 4096), hello(Profile.MAINLINE, ResultsMode.KERNEL, Set.of()));
        Supplier<ServerConnection> connect = () -> new Recording(new InProcessClient(server), new ArrayList<>()) {
            @Override
            public String request(String line) {
                return line.contains(" UNPIN ") ? "error this server refuses UNPIN" : super.request(line);
            }
        };
        var r = Driver.run(options(1, 50, Set.of(), 5, AcceptedDifferences.NONE), connect);
        assertThat(r.passed()).isFalse();
        assertThat(r.text()).contains("=== failure 1 of 1: refused pin_unpin ===", "  # no valid reply",
                "what happened: the implementation refused step 4 ('ioctl 0 UNPIN ", "replaying the trace above on the model reproduces nothing",
                "answer 'error unsupported ...'", "--skip pin_unpin", "send the 3 requests above")
                .doesNotContain("replay: save the trace above");
    }
}
