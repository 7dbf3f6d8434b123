package dev.ashmem.pbt;

import java.util.List;
import java.util.Map;

/** Formats results for people: what failed, the minimal case, and how to get it back. */
final class Report {

    private Report() {}

    static String failed(Result.Run run, Counterexample cx, Result.Origin origin, int shrinkRuns, int shrinks,
            boolean budgetExhausted, boolean flaky) {
        var sb = new StringBuilder();
        sb.append("Property '").append(run.property()).append("' failed ");
        switch (origin) {
            case SEARCH -> sb.append("after ").append(plural(run.tries(), "try", "tries"));
            case DATABASE -> sb.append("on a case stored in the failure database");
            case REPLAY -> sb.append("on the replayed choices");
        }
        if (run.steps() > 0) sb.append(" (").append(plural(run.steps(), "step", "steps")).append(")");
        if (origin != Result.Origin.REPLAY) {
            sb.append("; shrunk ").append(plural(shrinks, "time", "times")).append(" in ")
                    .append(plural(shrinkRuns, "run", "runs"));
            if (budgetExhausted) sb.append(" (shrink budget exhausted, the case may not be minimal)");
        }
        sb.append(".\n");
        sb.append(origin == Result.Origin.REPLAY ? "Counterexample:\n" : "Minimal counterexample:\n");
        appendLines(sb, cx.lines());
        sb.append("Failure: ").append(indentRest(describe(cx.failure()))).append('\n');
        if (cx.failure() != null && cx.failure().getStackTrace().length == 0) {
            sb.append("(The JVM dropped this exception's stack trace; run with -XX:-OmitStackTraceInFastThrow to keep it.)\n");
        }
        if (flaky) {
            sb.append("FLAKY: re-running this case did not fail the same way; the property depends on state or time"
                    + " outside its choices.\n");
        }
        if (run.seed() != null) sb.append("Seed: ").append(run.seed()).append('\n');
        String enc = cx.encoding();
        sb.append("Choices: ").append(enc).append('\n');
        sb.append("Replay this case: @Replay(\"").append(enc).append("\") or -D").append(Config.REPLAY).append('=').append(enc);
        if (run.seed() != null && origin == Result.Origin.SEARCH) {
            sb.append("\nRerun the search: -D").append(Config.SEED).append('=').append(run.seed());
        }
        return sb.toString();
    }

    /**
     * The report of a run with several distinct failures: the first one's report, then each further
     * failure's (each with its own replay string); with room for one failure only, the signatures of
     * other failures met while shrinking are named so that the reader knows there is more to find.
     */
    static String several(String first, List<Result.Failed> others, List<FailureSignature> seenOnly, int maxFailures) {
        if (others.isEmpty() && seenOnly.isEmpty()) return first;
        var sb = new StringBuilder();
        if (!others.isEmpty()) {
            sb.append(1 + others.size()).append(" distinct failures (by failure signature); failure 1:\n");
        }
        sb.append(first);
        for (int i = 0; i < others.size(); i++) {
            sb.append("\n\nFailure ").append(i + 2).append(" of ").append(1 + others.size()).append(":\n")
                    .append(others.get(i).report());
        }
        if (!seenOnly.isEmpty()) {
            sb.append("\n\nOther failures met while shrinking, not shrunk or reported here (").append(Config.MAX_FAILURES)
                    .append(" is ").append(maxFailures).append("; raise it to get them):");
            for (FailureSignature s : seenOnly) sb.append("\n  ").append(s);
        }
        return sb.toString();
    }

    static String passed(Result.Run run, boolean timedOut, Config config) {
        var sb = new StringBuilder();
        sb.append("Property '").append(run.property()).append("' passed ").append(plural(run.tries(), "try", "tries"));
        appendCounts(sb, run);
        if (timedOut) sb.append("; stopped by the time budget of ").append(config.time()).append(" before ")
                .append(config.tries()).append(" tries");
        sb.append(", seed ").append(run.seed()).append(".");
        appendStatistics(sb, run.statistics());
        return sb.toString();
    }

    static String replayPassed(Result.Run run, String encoding, List<String> lines) {
        var sb = new StringBuilder();
        sb.append("Property '").append(run.property()).append("' passed on the replayed choices ").append(encoding)
                .append(".\nCase:\n");
        appendLines(sb, lines);
        return sb.toString().stripTrailing();
    }

    static String gaveUp(Result.Run run, String reason) {
        return "Property '" + run.property() + "' gave up: " + reason;
    }

    static String coverageMissed(Result.Run run, Config config, Map<String, Long> missing) {
        var sb = new StringBuilder();
        sb.append("Property '").append(run.property()).append("' passed ").append(plural(run.tries(), "try", "tries"));
        appendCounts(sb, run);
        sb.append(" but missed its coverage, seed ").append(run.seed()).append(".\n");
        sb.append("Labels hit too rarely:");
        missing.forEach((label, hits) -> {
            long wanted = config.coverage().stream().filter(c -> c.labels().contains(label))
                    .mapToLong(Coverage::atLeast).max().orElse(0);
            sb.append("\n  ").append(label).append(": ").append(hits).append(" of at least ").append(wanted);
        });
        appendStatistics(sb, run.statistics());
        return sb.toString();
    }

    private static void appendCounts(StringBuilder sb, Result.Run run) {
        if (run.steps() > 0 || run.discarded() > 0) {
            sb.append(" (").append(plural(run.steps(), "step", "steps")).append(", ")
                    .append(run.discarded()).append(" discarded)");
        }
    }

    private static void appendStatistics(StringBuilder sb, Statistics statistics) {
        String table = statistics.format();
        if (!table.isEmpty()) sb.append("\nStatistics:\n").append(table.stripTrailing());
    }

    private static void appendLines(StringBuilder sb, List<String> lines) {
        if (lines.isEmpty()) sb.append("  (no values drawn)\n");
        for (String line : lines) sb.append("  ").append(indentRest(line)).append('\n');
    }

    private static String describe(Throwable t) {
        if (t == null) return "(none)";
        if (t instanceof CheckFailure) return t.getMessage();
        return t.toString();
    }

    private static String indentRest(String text) {
        return String.join("\n    ", text.strip().lines().map(String::stripTrailing).toList());
    }

    static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
