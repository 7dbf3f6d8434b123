package dev.ashmem.pbt;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Label counts of a run's search phase (not of shrinking). {@code cases} is how many test cases hit a
 * label at least once, {@code hits} how many times it was hit in total.
 */
public record Statistics(long totalCases, Map<String, LabelCount> labels) {

    public record LabelCount(long cases, long hits) {}

    public static final Statistics EMPTY = new Statistics(0, Map.of());

    public Statistics {
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    public long hits(String label) {
        var c = labels.get(label);
        return c == null ? 0 : c.hits();
    }

    public long cases(String label) {
        var c = labels.get(label);
        return c == null ? 0 : c.cases();
    }

    /** A small table, one label a line, alphabetical; empty when there are no labels. */
    public String format() {
        if (labels.isEmpty()) return "";
        int width = Math.max(5, labels.keySet().stream().mapToInt(String::length).max().orElse(5));
        var sb = new StringBuilder();
        sb.append(String.format("  %-" + width + "s %9s %7s %10s%n", "label", "cases", "%", "hits"));
        labels.forEach((label, c) -> sb.append(String.format(java.util.Locale.ROOT, "  %-" + width + "s %9d %6.1f%% %10d%n",
                label, c.cases(), totalCases == 0 ? 0.0 : 100.0 * c.cases() / totalCases, c.hits())));
        return sb.toString();
    }

    /** Mutable accumulator used by the engine. */
    static final class Collector {
        private long cases;
        private final Map<String, long[]> counts = new HashMap<>();

        void add(Map<String, Integer> caseLabels) {
            cases++;
            caseLabels.forEach((label, n) -> {
                long[] c = counts.computeIfAbsent(label, k -> new long[2]);
                c[0]++;
                c[1] += n;
            });
        }

        Statistics snapshot() {
            var m = new HashMap<String, LabelCount>();
            counts.forEach((k, v) -> m.put(k, new LabelCount(v[0], v[1])));
            return new Statistics(cases, m);
        }
    }
}
