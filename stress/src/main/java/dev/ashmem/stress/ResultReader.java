package dev.ashmem.stress;

import dev.ashmem.stress.scenario.OutcomeTraces;
import dev.ashmem.stress.scenario.Scenario;
import dev.ashmem.stress.scenario.Scenarios;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.grading.ReportUtils;

/**
 * Turns jcstress' binary results into a {@link CampaignReport}. Runs in a JVM started from the run's
 * own copy of the jar, since grading needs the jar's test list.
 */
public final class ResultReader {
    private ResultReader() {
    }

    /** {@code ResultReader <run dir> <wall ms>}: reads the results, writes summary.tsv, prints the summary. */
    public static void main(String[] args) throws IOException {
        var dir = Path.of(args[0]);
        var report = read(dir, Duration.ofMillis(Long.parseLong(args[1])));
        report.write(dir.resolve(CampaignReport.SUMMARY));
        report.print(System.out);
    }

    /** Reads the one {@code jcstress-results-*.bin.gz} of a run directory. */
    public static CampaignReport read(Path runDir, Duration wall) throws IOException {
        Path bin;
        try (var files = Files.list(runDir)) {
            bin = files.filter(p -> p.getFileName().toString().matches("jcstress-results-.*\\.bin\\.gz"))
                    .findFirst().orElseThrow(() -> new IOException("no jcstress result file in " + runDir));
        }
        var collector = new InProcessCollector();
        var reader = new DiskReadCollector(bin.toString(), collector);
        try {
            reader.dump();
        } catch (ClassNotFoundException e) {
            throw new IOException("unreadable jcstress results " + bin, e);
        } finally {
            reader.close();
        }
        var lines = new ArrayList<CampaignReport.TestLine>();
        for (TestResult merged : ReportUtils.mergedByName(collector.getTestResults())) {
            String name = merged.getName();
            long stressMs = collector.getTestResults().stream().filter(r -> r.getName().equals(name))
                    .mapToLong(r -> (long) r.getConfig().time * r.getConfig().iters).sum();
            var forbidden = new ArrayList<CampaignReport.Forbidden>();
            boolean passed = false;
            if (merged.status() == Status.NORMAL) {
                var grading = merged.grading();
                passed = grading.isPassed;
                grading.gradingResults.values().stream()
                        .filter(g -> g.expect == Expect.FORBIDDEN && g.count > 0)
                        .forEach(g -> forbidden.add(new CampaignReport.Forbidden(shortName(name), g.id, g.count, g.description,
                                traceOf(runDir, shortName(name), g.id, forbidden.size()))));
            }
            lines.add(new CampaignReport.TestLine(shortName(name), merged.status().name(), passed, merged.getTotalCount(),
                    stressMs, forbidden));
        }
        lines.sort(Comparator.comparing(CampaignReport.TestLine::name));
        return new CampaignReport(lines, wall, runDir.resolve("report").resolve("index.html").toAbsolutePath());
    }

    /**
     * Writes {@code <run>/traces/<test>-<n>.trace}: the outcome as a trace of the model (one serial order
     * that gives it, with or without PINARG-WAIT), or a comment saying none does. Null for a test that is
     * not a scenario's.
     */
    static Path traceOf(Path runDir, String test, String outcome, int n) {
        Scenario scenario;
        try {
            scenario = Scenarios.named(test);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String text = OutcomeTraces.of(scenario, outcome).orElseGet(() -> OutcomeTraces.unexplained(scenario, outcome));
        try {
            Path file = Files.createDirectories(runDir.resolve("traces")).resolve(test + "-" + (n + 1) + ".trace");
            return Files.writeString(file, text, StandardCharsets.UTF_8).toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String shortName(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
