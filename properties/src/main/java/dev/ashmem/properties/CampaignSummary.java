package dev.ashmem.properties;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * What one run of the differential campaign (a shard, or the whole campaign as shard 1/1) found, as a file
 * beside its coverage and failure traces ({@code key<TAB>value} per line, one {@code failure} line per
 * distinct failure), so {@code ./ashmem campaign merge} can combine shards run on other machines.
 *
 * @param seconds  wall-clock time of the run
 * @param failures one per signature, the lowest chain that showed it
 */
public record CampaignSummary(long seed, Shard shard, String budget, List<Integer> pageSizes, int jobs, long chains,
        long actions, double seconds, List<Failure> failures) {
    /** Its name in the differential results directory. */
    public static final String NAME = "summary.tsv";
    private static final String HEADER = "ashmem-campaign-summary\t1";

    public CampaignSummary {
        pageSizes = List.copyOf(pageSizes);
        failures = List.copyOf(failures);
    }

    /**
     * A distinct failure: its signature, the lowest chain index that showed it and that chain's seed, the file
     * stem its trace and report were written under, and how many chains failed with it.
     */
    public record Failure(String signature, long chain, long chainSeed, String stem, long count) {
    }

    /** A run passes when it checked something and nothing failed. */
    public boolean passed() {
        return actions > 0 && failures.isEmpty();
    }

    public void write(Path dir) throws IOException {
        var sb = new StringBuilder(HEADER).append('\n');
        sb.append("seed\t").append(seed).append('\n');
        sb.append("shard\t").append(shard).append('\n');
        sb.append("budget\t").append(budget).append('\n');
        sb.append("page-sizes\t").append(String.join(",", pageSizes.stream().map(String::valueOf).toList())).append('\n');
        sb.append("jobs\t").append(jobs).append('\n');
        sb.append("chains\t").append(chains).append('\n');
        sb.append("actions\t").append(actions).append('\n');
        sb.append("seconds\t").append(String.format(Locale.ROOT, "%.3f", seconds)).append('\n');
        for (var f : failures) {
            sb.append("failure\t").append(f.chain).append('\t').append(f.chainSeed).append('\t').append(f.stem)
                    .append('\t').append(f.count).append('\t').append(f.signature).append('\n');
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(NAME), sb);
    }

    /**
     * Reads the summary in {@code dir}.
     *
     * @throws IllegalArgumentException one line naming the file and what is wrong with it (missing, not a summary, a bad line)
     */
    public static CampaignSummary read(Path dir) throws IOException {
        var file = dir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " holds no campaign results (no " + NAME + ")");
        }
        var lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.getFirst().equals(HEADER)) {
            throw new IllegalArgumentException(file + " is not a campaign summary (its first line is not '" + HEADER.replace('\t', ' ') + "')");
        }
        var values = new LinkedHashMap<String, String>();
        var failures = new ArrayList<Failure>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            int tab = line.indexOf('\t');
            if (line.isBlank()) {
                continue;
            }
            if (tab < 0) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": no tab in '" + line + "'");
            }
            try {
                if (line.startsWith("failure\t")) {
                    var f = line.split("\t", 6);
                    failures.add(new Failure(f[5], Long.parseLong(f[1]), Long.parseLong(f[2]), f[3], Long.parseLong(f[4])));
                } else if (values.put(line.substring(0, tab), line.substring(tab + 1)) != null) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": '" + line.substring(0, tab) + "' given twice");
                }
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().startsWith(file.toString())) {
                    throw e;
                }
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": not a failure line: '" + line + "'");
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": not a failure line: '" + line + "'");
            }
        }
        try {
            // Read in the file's order, so that the first missing line is the one named.
            long seed = Long.parseLong(need(values, "seed", file));
            String shardText = need(values, "shard", file);
            String budget = need(values, "budget", file);
            var pageSizes = java.util.Arrays.stream(need(values, "page-sizes", file).split(",")).map(Integer::valueOf).toList();
            int jobs = Integer.parseInt(need(values, "jobs", file));
            long chains = Long.parseLong(need(values, "chains", file));
            long actions = Long.parseLong(need(values, "actions", file));
            double seconds = Double.parseDouble(need(values, "seconds", file));
            if (chains < 0 || actions < 0 || jobs < 1 || !(seconds >= 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException(file + ": chains, actions and seconds must be at least 0 and jobs at least 1");
            }
            Shard shard;
            try {
                shard = Shard.parse(shardText);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
            return new CampaignSummary(seed, shard, budget, pageSizes, jobs, chains, actions, seconds, failures);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": a number is not a number (" + e.getMessage() + ")");
        }
    }

    private static String need(java.util.Map<String, String> values, String key, Path file) {
        var v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException(file + " has no '" + key + "' line");
        }
        return v;
    }
}
