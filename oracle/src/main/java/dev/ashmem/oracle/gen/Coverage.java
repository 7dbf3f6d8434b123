package dev.ashmem.oracle.gen;

import dev.ashmem.oracle.rules.RuleIds;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** How often each rule in scope was exercised, and by how many traces. */
public final class Coverage {
    private final List<String> scope;
    private final Map<String, Long> hits = new LinkedHashMap<>();
    private final Map<String, Set<Integer>> traces = new TreeMap<>();

    public Coverage(List<String> scope) {
        this.scope = List.copyOf(scope);
        scope.forEach(r -> hits.put(r, 0L));
    }

    /** Every catalogue rule whose ID is one of {@code selectors} or starts with one followed by '-'. */
    public static List<String> scope(List<String> selectors) {
        if (selectors.isEmpty() || selectors.contains("all")) {
            return RuleIds.ALL;
        }
        var out = RuleIds.ALL.stream().filter(id -> selectors.stream().anyMatch(s -> {
            String sel = RuleIds.canonical(s.strip().toUpperCase(java.util.Locale.ROOT));
            return id.equals(sel) || id.startsWith(sel + "-");
        })).toList();
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--scope " + String.join(",", selectors)
                    + " selects no rule (use rule IDs or prefixes such as PIN, UNPIN, MMAP, SHRINK)");
        }
        return out;
    }

    public List<String> scope() {
        return scope;
    }

    public void add(List<String> rules, int trace) {
        for (String r : rules) {
            if (hits.containsKey(r)) {
                hits.merge(r, 1L, Long::sum);
                traces.computeIfAbsent(r, k -> new java.util.TreeSet<>()).add(trace);
            }
        }
    }

    public long hits(String rule) {
        return hits.getOrDefault(rule, 0L);
    }

    public List<String> missing() {
        return scope.stream().filter(r -> hits(r) == 0).toList();
    }

    /** The table printed to stderr: rule, hits, traces. */
    public String table() {
        var sb = new StringBuilder();
        sb.append(String.format("%-22s %8s %7s%n", "rule", "hits", "traces"));
        for (String r : scope) {
            long h = hits(r);
            int t = traces.getOrDefault(r, Set.of()).size();
            sb.append(String.format("%-22s %8d %7d%s%n", r, h, t, h == 0 ? "   NOT COVERED" : ""));
        }
        long covered = scope.stream().filter(r -> hits(r) > 0).count();
        sb.append(String.format("covered %d of %d rules%n", covered, scope.size()));
        return sb.toString();
    }
}
