package dev.ashmem.oracle.protocol;

import dev.ashmem.generator.OpKind;
import dev.ashmem.oracle.rules.RuleIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The differences a user has accepted ({@code drive --accept FILE}): one per line, a deciding rule ID and
 * an operation class ({@link OpKind} label), for example {@code GETNAME-COPY attribute}; {@code #} starts a
 * comment, blank lines are ignored. {@code none} stands for a result no model rule decided (a profile's own
 * path). A divergence with that key is listed as accepted and does not fail the run.
 */
public record AcceptedDifferences(Set<Driver.Key> keys) {
    public static final AcceptedDifferences NONE = new AcceptedDifferences(Set.of());

    public AcceptedDifferences {
        keys = Set.copyOf(keys);
    }

    public boolean accepts(Driver.Key key) {
        return keys.contains(key);
    }

    /** Reads {@code file}; a line that is not "RULE CLASS" is an {@link IllegalArgumentException} naming it. */
    public static AcceptedDifferences read(Path file) throws IOException {
        return parse(file.toString(), Files.readAllLines(file));
    }

    public static AcceptedDifferences parse(String source, List<String> lines) {
        var keys = new LinkedHashSet<Driver.Key>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            var words = (hash < 0 ? line : line.substring(0, hash)).strip();
            if (words.isEmpty()) {
                continue;
            }
            var t = words.split("\\s+");
            String where = source + ":" + (i + 1) + ": ";
            if (t.length != 2) {
                throw new IllegalArgumentException(where + "expected 'RULE-ID CLASS' (e.g. 'GETNAME-COPY attribute'), got: " + words);
            }
            String rule = t[0].equals(Driver.Key.NO_RULE) ? t[0] : RuleIds.canonical(t[0]);
            if (!rule.equals(Driver.Key.NO_RULE) && !RuleIds.ALL.contains(rule)) {
                throw new IllegalArgumentException(where + "'" + t[0] + "' is not a rule of the spec (nor '" + Driver.Key.NO_RULE + "')");
            }
            var kind = OpKind.ofLabel(t[1]).orElseThrow(() -> new IllegalArgumentException(where + "unknown operation class '"
                    + t[1] + "'; known: " + OpKind.labels()));
            keys.add(new Driver.Key(rule, kind));
        }
        return new AcceptedDifferences(keys);
    }
}
