package dev.ashmem.cli;

import dev.ashmem.model.RuleCatalogue;
import dev.ashmem.properties.CoverageFile;
import dev.ashmem.stress.CampaignReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The campaign's HTML report, {@code report.html} beside its results: the verdicts, rule coverage as a
 * table by spec chapter, every failure with its trace, the jcstress outcomes with a link to jcstress'
 * own report, and the model checker's statistics. It reads what the parts wrote, so it shows the same
 * numbers as the text summary.
 */
final class HtmlReport {
    static final String NAME = "report.html";
    /** A rule's definition in spec/: a list item starting with its bold ID. */
    private static final Pattern DEFINITION = Pattern.compile("^- \\*\\*([A-Z0-9]+(?:-[A-Z0-9]+)+)\\*\\*");

    /** What the campaign knows when it ends. */
    record Parts(String implementation, Verdict differential, Verdict stress, Verdict modelCheck, String modelCheckOutput) {}

    private HtmlReport() {
    }

    /** Writes the report into {@code results}; {@code root} is the checkout (for spec/'s chapters), if any. */
    static Path write(Path results, Path root, Parts parts) throws IOException {
        var h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ashmem campaign</title>\n<style>")
                .append("body{font-family:sans-serif;max-width:70em;margin:2em auto;padding:0 1em}")
                .append("table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}")
                .append("td.n{text-align:right}.passed{color:#070}.FAILED{color:#b00;font-weight:bold}.skipped{color:#777}")
                .append("pre{background:#f4f4f4;padding:.6em;overflow-x:auto}</style></head><body>\n");
        h.append("<h1>ashmem campaign</h1>\n<table><tr><th>part</th><th>verdict</th></tr>\n");
        verdictRow(h, "1. differential property suite against " + parts.implementation(), parts.differential());
        verdictRow(h, "2. jcstress", parts.stress());
        verdictRow(h, "3. model checking", parts.modelCheck());
        h.append("</table>\n");
        differential(h, results.resolve("differential"), root, parts.differential());
        stress(h, results.resolve("stress"), results, parts.stress());
        modelCheck(h, parts);
        h.append("</body></html>\n");
        Files.createDirectories(results);
        return Files.writeString(results.resolve(NAME), h);
    }

    private static void verdictRow(StringBuilder h, String part, Verdict v) {
        h.append("<tr><td>").append(esc(part)).append("</td><td class=\"").append(v).append("\">").append(v).append("</td></tr>\n");
    }

    private static void differential(StringBuilder h, Path dir, Path root, Verdict verdict) throws IOException {
        h.append("<h2>1. Differential property suite</h2>\n");
        if (verdict == Verdict.SKIPPED) {
            h.append("<p>skipped</p>\n");
            return;
        }
        var hits = CoverageFile.read(dir);
        long covered = RuleCatalogue.SEQUENTIAL.stream().filter(hits::containsKey).count();
        h.append("<p>").append(covered).append(" of ").append(RuleCatalogue.SEQUENTIAL.size())
                .append(" rules a single caller can fire were covered. Concurrency rules are the business of parts 2 and 3; ")
                .append("invariants (INV-*) are checked on every state.</p>\n");
        h.append("<table><tr><th>chapter</th><th>covered</th><th>rules (hits)</th></tr>\n");
        for (var chapter : chapters(root).entrySet()) {
            var rules = chapter.getValue().stream().filter(RuleCatalogue.SEQUENTIAL::contains).toList();
            if (rules.isEmpty()) {
                continue;
            }
            long seen = rules.stream().filter(hits::containsKey).count();
            h.append("<tr><td>").append(esc(chapter.getKey())).append("</td><td class=\"n ")
                    .append(seen == rules.size() ? "passed" : "FAILED").append("\">").append(seen).append("/").append(rules.size())
                    .append("</td><td>");
            for (var r : rules) {
                var n = hits.get(r);
                h.append(n == null ? "<b class=\"FAILED\">" + r + " (0)</b>" : r + " (" + String.format(Locale.ROOT, "%,d", n) + ")")
                        .append(' ');
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
        // failure-2 before failure-10: shorter names first.
        var failures = (Files.isDirectory(dir) ? listSorted(dir, "failure-") : List.<Path>of()).stream()
                .sorted(java.util.Comparator.comparingInt((Path p) -> p.toString().length())).toList();
        if (failures.isEmpty()) {
            h.append("<p>No failures.</p>\n");
        }
        for (var f : failures) {
            h.append("<h3>").append(esc(f.getFileName().toString())).append("</h3>\n<pre>")
                    .append(esc(Files.readString(f))).append("</pre>\n");
        }
    }

    private static void stress(StringBuilder h, Path dir, Path results, Verdict verdict) throws IOException {
        h.append("<h2>2. jcstress</h2>\n");
        var run = latestRun(dir);
        if (verdict == Verdict.SKIPPED || run.isEmpty()) {
            h.append("<p>").append(verdict == Verdict.SKIPPED ? "skipped" : "no results").append("</p>\n");
            return;
        }
        var report = CampaignReport.load(run.get().resolve(CampaignReport.SUMMARY));
        var html = run.get().resolve("report").resolve("index.html");
        h.append("<p>").append(report.tests().size()).append(" tests, ").append(String.format(Locale.ROOT, "%,d", report.samples()))
                .append(" samples; ").append(report.failed()).append(" failed, ").append(report.errors()).append(" with errors. ");
        if (Files.isRegularFile(html)) {
            h.append("<a href=\"").append(esc(results.relativize(html).toString().replace('\\', '/'))).append("\">jcstress' report</a>");
        }
        h.append("</p>\n<table><tr><th>test</th><th>status</th><th>samples</th><th>FORBIDDEN outcomes</th></tr>\n");
        for (var t : report.tests()) {
            var status = t.passed() ? "passed" : "FAILED";
            h.append("<tr><td>").append(esc(t.name())).append("</td><td class=\"").append(status).append("\">")
                    .append(t.passed() ? "PASSED" : t.error() ? "ERROR " + esc(t.status()) : "FAILED").append("</td><td class=\"n\">")
                    .append(String.format(Locale.ROOT, "%,d", t.samples())).append("</td><td>");
            for (var f : t.forbidden()) {
                h.append(esc(f.outcome())).append(" x").append(f.count()).append(": ").append(esc(f.description())).append("<br>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void modelCheck(StringBuilder h, Parts parts) {
        h.append("<h2>3. Model checking</h2>\n");
        if (parts.modelCheck() == Verdict.SKIPPED) {
            h.append("<p>skipped</p>\n");
            return;
        }
        // The checker's own closing lines (scope, result, statistics, any counterexample) say it best.
        var lines = parts.modelCheckOutput().lines().filter(l -> !l.startsWith("model-check: depth")).toList();
        h.append("<pre>").append(esc(String.join("\n", lines))).append("</pre>\n");
    }

    /** Spec chapter title -> the rules it defines, in spec order; by ID prefix when spec/ is not at hand. */
    static Map<String, List<String>> chapters(Path root) throws IOException {
        var chapters = new LinkedHashMap<String, List<String>>();
        Path spec = root.resolve("spec");
        if (Files.isDirectory(spec)) {
            for (var file : listSorted(spec, "")) {
                if (!file.getFileName().toString().matches("\\d\\d-.*\\.md")) {
                    continue;
                }
                var lines = Files.readAllLines(file);
                var title = lines.isEmpty() ? file.getFileName().toString() : lines.getFirst().replaceFirst("^#\\s*", "");
                for (var line : lines) {
                    var m = DEFINITION.matcher(line);
                    if (m.find() && RuleCatalogue.ALL.contains(m.group(1))) {
                        chapters.computeIfAbsent(title, k -> new ArrayList<>()).add(m.group(1));
                    }
                }
            }
        }
        if (chapters.values().stream().mapToInt(List::size).sum() != RuleCatalogue.ALL.size()) {
            chapters.clear();
            for (var rule : RuleCatalogue.ALL) {
                chapters.computeIfAbsent(rule.substring(0, rule.indexOf('-')), k -> new ArrayList<>()).add(rule);
            }
        }
        return chapters;
    }

    private static Optional<Path> latestRun(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        return listSorted(dir, "").stream().filter(d -> Files.isRegularFile(d.resolve(CampaignReport.SUMMARY))).reduce((a, b) -> b);
    }

    private static List<Path> listSorted(Path dir, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    /** {@code out}, also copying everything into {@code copy} (the model checker's lines for the report). */
    static java.io.PrintStream tee(java.io.PrintStream out, java.io.ByteArrayOutputStream copy) {
        return new java.io.PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                out.write(b);
                copy.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                out.write(b, off, len);
                copy.write(b, off, len);
            }

            @Override
            public void flush() {
                out.flush();
            }
        }, true);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
