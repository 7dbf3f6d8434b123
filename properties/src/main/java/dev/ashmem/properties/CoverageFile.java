package dev.ashmem.properties;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The differential campaign's rule coverage as a file beside its failure traces ({@code rule<TAB>hits}
 * per line), so reports written after the run (the campaign's HTML report) read the same numbers.
 */
public final class CoverageFile {
    /** Its name in the differential results directory. */
    public static final String NAME = "coverage.tsv";

    private CoverageFile() {
    }

    public static void write(Path dir, Map<String, Long> hits) throws IOException {
        var sb = new StringBuilder();
        new TreeMap<>(hits).forEach((rule, n) -> sb.append(rule).append('\t').append(n).append('\n'));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(NAME), sb);
    }

    /** The hits per rule; empty when the campaign wrote none. */
    public static Map<String, Long> read(Path dir) throws IOException {
        var file = dir.resolve(NAME);
        var hits = new TreeMap<String, Long>();
        if (Files.isRegularFile(file)) {
            var lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    long n;
                    try {
                        n = Long.parseLong(line.substring(tab + 1).strip());
                    } catch (NumberFormatException e) {
                        n = -1;
                    }
                    if (n < 0 || hits.put(line.substring(0, tab), n) != null) {
                        throw new IllegalArgumentException(file + " line " + (i + 1) + ": not 'rule<TAB>hits' of a rule not given before: '" + line + "'");
                    }
                }
            }
        }
        return hits;
    }
}
