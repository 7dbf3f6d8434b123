package dev.ashmem.stress;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a jcstress run had found, read from its console as it goes: the counts of its last progress
 * line and each FORBIDDEN outcome of a failed test. It is what an interrupted run can still report, since
 * jcstress' binary results are only complete at its end. Read by a shutdown hook while the run's thread
 * feeds it, hence synchronized.
 */
final class ConsoleProgress {
    /** {@code (Results: 2 planned; 1 passed, 0 failed, 0 soft errs, 0 hard errs)}, printed every few seconds. */
    private static final Pattern RESULTS = Pattern.compile(
            "\\(Results: (\\d+) planned; (\\d+) passed, (\\d+) failed, (\\d+) soft errs, (\\d+) hard errs\\)");
    /** {@code ...... [FAILED] dev.ashmem.stress.tests.Pin_01_RacesInFlightPunch}: a test's table follows. */
    private static final Pattern TEST = Pattern.compile("\\[[A-Z_ ]+\\] [\\w.]*?\\.(\\w+)$");
    /** A row of a test's outcome table: result, samples, frequency, expectation, description. */
    private static final Pattern ROW = Pattern.compile("^\\s+(.+?)\\s+([\\d,]+)\\s+[\\d.]+%\\s+Forbidden\\b.*$");

    private long planned = -1;
    private long passed;
    private long failed;
    private long errors;
    private String test;
    /** "Test: outcome" -> samples (the most any table showed). */
    private final Map<String, Long> forbidden = new LinkedHashMap<>();
    /** After "RUN RESULTS:" jcstress repeats the tables of the whole run: nothing new. */
    private boolean done;

    synchronized void see(String line) {
        var results = RESULTS.matcher(line);
        if (results.find()) {
            planned = Long.parseLong(results.group(1));
            passed = Long.parseLong(results.group(2));
            failed = Long.parseLong(results.group(3));
            errors = Long.parseLong(results.group(4)) + Long.parseLong(results.group(5));
            test = null;
            return;
        }
        if (done || line.startsWith("RUN RESULTS:")) {
            done = true;
            return;
        }
        var t = TEST.matcher(line);
        if (t.find()) {
            test = t.group(1);
            return;
        }
        var row = ROW.matcher(line);
        if (test != null && row.matches()) {
            long samples = Long.parseLong(row.group(2).replace(",", ""));
            if (samples > 0) {
                forbidden.merge(test + " " + row.group(1).strip(), samples, Math::max);
            }
        }
    }

    /** One line: how far jcstress got and every FORBIDDEN outcome seen so far. */
    synchronized String soFar() {
        String counts = planned < 0 ? "no test had finished"
                : String.format(Locale.ROOT, "%d of %d tests finished (%d passed, %d failed, %d with errors)",
                        passed + failed + errors, planned, passed, failed, errors);
        var outcomes = new StringBuilder();
        forbidden.forEach((k, n) -> outcomes.append(outcomes.isEmpty() ? "" : "; ").append(k)
                .append(String.format(Locale.ROOT, " (%,d samples)", n)));
        return "jcstress so far: " + counts + "; FORBIDDEN outcomes seen so far: " + (outcomes.isEmpty() ? "none" : outcomes);
    }
}
