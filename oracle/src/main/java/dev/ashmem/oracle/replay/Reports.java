package dev.ashmem.oracle.replay;

import dev.ashmem.trace.Outcome;
import dev.ashmem.trace.TracePrinter;
import java.util.stream.Collectors;

/** The human-readable reports of replay and drive. */
public final class Reports {
    private Reports() {
    }

    /** One trace's outcome: a one-line pass, or the divergence in full. */
    public static String render(ReplayResult r) {
        String src = r.trace().source();
        if (r.problem() != null) {
            return src + ": cannot finish against profile " + r.profile().word() + ": " + r.problem() + "\n";
        }
        if (r.divergence() == null) {
            return src + ": " + r.trace().lines().size() + " lines, " + r.checked() + " results match profile "
                    + r.profile().word() + "\n";
        }
        return divergence(src, r.profile().word(), r.divergence());
    }

    public static String divergence(String source, String profile, Divergence d) {
        var v = d.verdict();
        var step = d.line().step();
        int n = d.line().number();
        String where = n > 0 ? "line " + n : "step " + (d.index() + 1);
        var sb = new StringBuilder();
        sb.append(source).append(": ").append(where).append(" diverges from profile ").append(profile).append('\n');
        sb.append("  ").append(where).append(": ").append(TracePrinter.step(step)).append('\n');
        sb.append("  expected: ").append(text(v.expected(), v)).append('\n');
        sb.append("  observed: ").append(text(v.observed(), v)).append('\n');
        sb.append("  deciding rule: ").append(v.attribution().decider()).append('\n');
        var others = v.attribution().rules().stream().filter(x -> !x.equals(v.attribution().decider())).toList();
        if (!others.isEmpty()) {
            sb.append("  rules the step exercised: ").append(String.join(" ", others)).append('\n');
        }
        v.difference().ifPresent(diff -> sb.append("  profile ").append(profile).append(" applied here: ").append(diff).append('\n'));
        sb.append("  model state before ").append(where).append(":\n");
        sb.append(indent(v.before().toString(), "    ")).append('\n');
        if (!d.names().isEmpty()) {
            sb.append("  trace names: ").append(d.names()).append('\n');
        }
        var matching = d.alternatives().stream().filter(ProfileMatch::matchesLine).toList();
        for (var m : matching) {
            String here = d.line().number() > 0 ? "line " + d.line().number() : "step " + (d.index() + 1);
            var atLine = m.applied().stream().filter(a -> a.where().equals(here)).map(ProfileMatch.Applied::difference).distinct().toList();
            var earlier = m.applied().stream().filter(a -> !a.where().equals(here)).toList();
            sb.append("  this behaviour matches profile ").append(m.profile().word());
            if (!atLine.isEmpty()) {
                sb.append(": ").append(atLine.stream().map(Object::toString).collect(Collectors.joining("; ")));
            } else if (!earlier.isEmpty()) {
                sb.append(", as a consequence of its earlier differences");
            }
            sb.append('\n');
            var byDifference = earlier.stream().collect(Collectors.groupingBy(ProfileMatch.Applied::difference,
                    java.util.LinkedHashMap::new, Collectors.toList()));
            byDifference.forEach((diff, at) -> sb.append("    earlier: ").append(diff).append(" at ")
                    .append(at.stream().limit(3).map(a -> a.where() + " (" + a.step() + ")").collect(Collectors.joining(", ")))
                    .append(at.size() > 3 ? ", ..." : "").append('\n'));
            if (m.firstMismatch() == null && m.limitation() == null) {
                sb.append("    profile ").append(m.profile().word()).append(" agrees with the whole trace: was --profile ")
                        .append(m.profile().word()).append(" meant?\n");
            } else if (m.firstMismatch() != null) {
                sb.append("    (profile ").append(m.profile().word()).append(" disagrees later, at ").append(m.firstMismatch()).append(")\n");
            } else {
                sb.append("    (profile ").append(m.profile().word()).append(" ").append(m.limitation()).append(")\n");
            }
        }
        if (matching.isEmpty()) {
            sb.append("  no other profile (").append(d.alternatives().stream().map(m -> m.profile().word())
                    .collect(Collectors.joining(", "))).append(") explains it either\n");
        }
        return sb.toString();
    }

    private static String text(Outcome o, Verdict v) {
        return o == null ? "(none recorded)" : TracePrinter.outcome(o, v.step());
    }

    static String indent(String text, String prefix) {
        return text.lines().map(l -> prefix + l).collect(Collectors.joining("\n"));
    }
}
