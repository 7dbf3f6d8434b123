package dev.ashmem.stress;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The verdict of a campaign: per test the samples, the nominal stress time (time x iterations of
 * every fork), whether it passed, and any FORBIDDEN outcome. {@link ResultReader} makes it from
 * jcstress' binary results and writes it as {@code summary.tsv}; this class reads and prints it
 * without any jcstress class, so a rebuilt jar under a running campaign cannot break the verdict.
 *
 * @param tests one line per test, by name
 * @param wall  wall-clock time of the jcstress run (JVM starts, VM probing and calibration included)
 * @param html  jcstress' HTML report
 */
public record CampaignReport(List<TestLine> tests, Duration wall, Path html) {

    /** The file a run directory's verdict is kept in. */
    public static final String SUMMARY = "summary.tsv";

    /**
     * A FORBIDDEN outcome a test showed.
     *
     * @param trace the file holding the outcome as an {@code ashmem-trace 1} trace of the model (one serial
     *              order that gives it, see {@code OutcomeTraces}); null when none was written
     */
    public record Forbidden(String test, String outcome, long count, String description, Path trace) {
    }

    /**
     * @param status    NORMAL, or the error jcstress saw (TEST_ERROR, VM_ERROR, TIMEOUT_ERROR, ...)
     * @param samples   outcomes counted over all forks, jcstress' calibration runs included
     * @param stressMs  the forks' nominal time (-time x -iters per fork)
     * @param forbidden FORBIDDEN outcomes seen
     */
    public record TestLine(String name, String status, boolean passed, long samples, long stressMs, List<Forbidden> forbidden) {
        public TestLine {
            forbidden = List.copyOf(forbidden);
        }

        public double samplesPerSecond() {
            return stressMs == 0 ? 0 : samples * 1000.0 / stressMs;
        }

        public boolean error() {
            return !status.equals("NORMAL");
        }
    }

    public CampaignReport {
        tests = List.copyOf(tests);
    }

    /** Tab-separated: a "run" line, one "test" line per test, one "forbidden" line per outcome seen. */
    public void write(Path file) throws IOException {
        var out = new ArrayList<String>();
        out.add(String.join("\t", "run", Long.toString(wall.toMillis()), html.toString()));
        for (var t : tests) {
            out.add(String.join("\t", "test", t.name(), t.status(), Boolean.toString(t.passed()),
                    Long.toString(t.samples()), Long.toString(t.stressMs())));
            for (var f : t.forbidden()) {
                out.add(String.join("\t", "forbidden", f.test(), f.outcome(), Long.toString(f.count()), clean(f.description()),
                        f.trace() == null ? "" : f.trace().toString()));
            }
        }
        Files.write(file, out, StandardCharsets.UTF_8);
    }

    private static String clean(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ');
    }

    /** Reads a summary.tsv back. */
    public static CampaignReport load(Path file) throws IOException {
        Duration wall = Duration.ZERO;
        Path html = file.resolveSibling("report").resolve("index.html");
        var tests = new ArrayList<String[]>();
        var forbidden = new ArrayList<Forbidden>();
        for (var line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            var f = line.split("\t", -1);
            switch (f[0]) {
                case "run" -> {
                    wall = Duration.ofMillis(Long.parseLong(f[1]));
                    html = Path.of(f[2]);
                }
                case "test" -> tests.add(f);
                case "forbidden" -> forbidden.add(new Forbidden(f[1], f[2], Long.parseLong(f[3]), f[4],
                        f.length > 5 && !f[5].isEmpty() ? Path.of(f[5]) : null));
                default -> throw new IOException("unexpected line in " + file + ": " + line);
            }
        }
        var lines = tests.stream().map(f -> new TestLine(f[1], f[2], Boolean.parseBoolean(f[3]), Long.parseLong(f[4]),
                Long.parseLong(f[5]), forbidden.stream().filter(x -> x.test().equals(f[1])).toList())).toList();
        return new CampaignReport(lines, wall, html);
    }

    public long samples() {
        return tests.stream().mapToLong(TestLine::samples).sum();
    }

    public long stressMs() {
        return tests.stream().mapToLong(TestLine::stressMs).sum();
    }

    public List<Forbidden> forbidden() {
        return tests.stream().flatMap(t -> t.forbidden().stream()).toList();
    }

    public long failed() {
        return tests.stream().filter(t -> !t.error() && !t.passed()).count();
    }

    public long errors() {
        return tests.stream().filter(TestLine::error).count();
    }

    /** No FORBIDDEN outcome and no error in any test. */
    public boolean passed() {
        return !tests.isEmpty() && failed() == 0 && errors() == 0;
    }

    public void print(PrintStream out) {
        out.println();
        out.println("ashmem stress: per test (samples include jcstress' calibration runs; per second of nominal stress time)");
        for (var t : tests) {
            out.printf(Locale.ROOT, "  %-34s %14s samples %8.1f s %12s/s  %s%n", t.name(), group(t.samples()),
                    t.stressMs() / 1000.0, group(Math.round(t.samplesPerSecond())),
                    t.error() ? "ERROR " + t.status() : t.passed() ? "PASSED" : "FAILED");
        }
        double stressS = stressMs() / 1000.0;
        double wallS = wall.toMillis() / 1000.0;
        out.printf(Locale.ROOT, "  total: %d tests, %s samples; %.1f s stress time -> %s samples/s; %.1f s wall clock -> %s samples/s%n",
                tests.size(), group(samples()), stressS, group(Math.round(samples() / Math.max(stressS, 0.001))),
                wallS, group(Math.round(samples() / Math.max(wallS, 0.001))));
        if (!forbidden().isEmpty()) {
            out.println("FORBIDDEN outcomes seen:");
            for (var f : forbidden()) {
                out.printf(Locale.ROOT, "  %-34s %-60s %12s  %s%n", f.test(), f.outcome(), group(f.count()), f.description());
            }
            for (var f : forbidden()) {
                printTrace(f, out);
            }
        }
        out.printf("verdict: %s (%d failed, %d with errors)%n", passed() ? "PASSED" : "FAILED", failed(), errors());
        out.println("HTML report: " + html);
    }

    /** The outcome's trace as written, then a blank line: the text between replays as it stands. */
    private static void printTrace(Forbidden f, PrintStream out) {
        if (f.trace() == null) {
            return;
        }
        out.println();
        out.println("# " + f.test() + " \"" + f.outcome() + "\" (" + f.trace() + "):");
        try {
            out.print(Files.readString(f.trace(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            out.println("# (cannot read it: " + e.getMessage() + ")");
        }
        out.println();
    }

    private static String group(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
