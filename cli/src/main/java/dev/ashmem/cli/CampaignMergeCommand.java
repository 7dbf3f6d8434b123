package dev.ashmem.cli;

import dev.ashmem.model.RuleCatalogue;
import dev.ashmem.properties.CampaignPlan;
import dev.ashmem.properties.CampaignSummary;
import dev.ashmem.properties.CoverageFile;
import dev.ashmem.properties.Shard;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./ashmem campaign merge DIR...}: one summary of the differential results of shards run apart
 * ({@code --shard I/N}, each with its own {@code --out}): chains and actions added, rule coverage summed,
 * failures de-duplicated by their signature (the lowest chain kept), every shard's figures. The shards must
 * be of one campaign (same seed, budget, page sizes and N); a shard missing or given twice fails the merge.
 * With {@code --out} the merged results are written as one whole campaign's ({@code differential/} with its
 * summary, coverage and a trace per distinct failure), which the HTML report and a later merge read alike.
 */
@Command(name = "merge", mixinStandardHelpOptions = true, version = "ashmem-spec 0.1.0",
        description = "Combine the differential results of campaign shards (--shard I/N) into one summary.",
        footer = {"DIR is a campaign's --out directory (or its differential/ directory).",
                "Exit status: 0 when every shard 1..N is there once and passed, 1 when one failed or a shard is missing or "
                        + "given twice, 2 for bad options or a directory without results."})
final class CampaignMergeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", arity = "1..*", description = "the shards' results directories")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "DIR", description = "also write the merged results, as one whole campaign's, "
            + "under DIR/differential (summary.tsv, coverage.tsv, each distinct failure's trace and report); only when every "
            + "shard 1..N is there once")
    Path out;

    @Spec
    CommandSpec spec;

    private final PrintStream stdout;

    CampaignMergeCommand(PrintStream stdout) {
        this.stdout = stdout;
    }

    /** One shard's results as read. */
    private record Part(Path dir, CampaignSummary summary, Map<String, Long> coverage) {
    }

    @Override
    public Integer call() throws IOException {
        var parts = new ArrayList<Part>();
        for (var d : dirs) {
            Path dir = Files.isRegularFile(d.resolve("differential").resolve(CampaignSummary.NAME)) ? d.resolve("differential") : d;
            try {
                parts.add(new Part(dir.toAbsolutePath().normalize(), CampaignSummary.read(dir), CoverageFile.read(dir)));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), dir + ": cannot read the results: "
                        + (e instanceof java.nio.charset.CharacterCodingException ? "a file is not UTF-8 text" : e.getMessage()));
            }
        }
        var first = parts.getFirst();
        for (var p : parts) {
            String differs = differs(first.summary(), p.summary());
            if (differs != null) {
                throw new ParameterException(spec.commandLine(), p.dir() + " is not a shard of the campaign in " + first.dir() + ": " + differs);
            }
        }
        var s0 = first.summary();
        int n = s0.shard().count();
        stdout.printf(Locale.ROOT, "campaign merge: %d result(s) of seed %d, budget %s, page sizes %s, %d shard(s)%n",
                parts.size(), s0.seed(), s0.budget(), s0.pageSizes(), n);

        // With a budget of tries only, every shard runs all its chains: fewer is a run cut short, not a result.
        long tries = CampaignPlan.triesOnly(s0.budget());
        var incomplete = new ArrayList<String>();
        var byShard = new TreeMap<Integer, List<Path>>();
        long chains = 0;
        long actions = 0;
        double wall = 0;
        double rate = 0;
        boolean allPassed = true;
        var hits = new TreeMap<String, Long>();
        // Signature -> the failure of the lowest chain, the directory holding it, and every chain's count.
        var failures = new LinkedHashMap<String, CampaignSummary.Failure>();
        var failureDirs = new LinkedHashMap<String, Path>();
        var counts = new LinkedHashMap<String, Long>();
        for (var p : parts) {
            var s = p.summary();
            byShard.computeIfAbsent(s.shard().index(), i -> new ArrayList<>()).add(p.dir());
            chains += s.chains();
            actions += s.actions();
            wall = Math.max(wall, s.seconds());
            double shardRate = s.seconds() > 0 ? s.actions() / s.seconds() : 0;
            rate += shardRate;
            allPassed &= s.passed();
            stdout.printf(Locale.ROOT, "  shard %-7s %,d chains, %,d actions in %.1f s (%,.0f actions/s, %d job(s)), %s: %s%n",
                    s.shard(), s.chains(), s.actions(), s.seconds(), shardRate, s.jobs(),
                    s.passed() ? "passed" : s.actions() == 0 && s.failures().isEmpty() ? "checked nothing" : "FAILED", p.dir());
            p.coverage().forEach((rule, h) -> hits.merge(rule, h, Long::sum));
            if (tries > 0 && s.chains() != s.shard().chainsOf(tries)) {
                incomplete.add(s.shard() + " ran " + s.chains() + " of its " + s.shard().chainsOf(tries) + " chains (" + p.dir() + ")");
            }
            for (var f : s.failures()) {
                counts.merge(f.signature(), f.count(), Long::sum);
                var kept = failures.get(f.signature());
                if (kept == null || f.chain() < kept.chain()) {
                    failures.put(f.signature(), f);
                    failureDirs.put(f.signature(), p.dir());
                }
            }
        }
        stdout.printf(Locale.ROOT, "merged: %,d chains, %,d actions; longest shard %.1f s; %,.0f actions/s over all shards (each shard's rate added)%n",
                chains, actions, wall, rate);
        long covered = RuleCatalogue.SEQUENTIAL.stream().filter(hits::containsKey).count();
        var missing = RuleCatalogue.SEQUENTIAL.stream().filter(r -> !hits.containsKey(r)).sorted().toList();
        stdout.printf("rules covered: %d of %d sequential rules%s%n", covered, RuleCatalogue.SEQUENTIAL.size(),
                missing.isEmpty() ? "" : "; not reached: " + missing);
        var plan = new CampaignPlan(s0.seed(), 0, Duration.ofSeconds(1), s0.pageSizes(), 1, Shard.ALL, null);
        stdout.println(failures.isEmpty() ? "no failures" : failures.size() + " distinct failure(s):");
        failures.values().stream().sorted(java.util.Comparator.comparingLong(CampaignSummary.Failure::chain)).forEach(f -> stdout.printf(
                "  %s: first in chain %d of %d, %s; alone (plus the run's --impl, if any): %s%n", f.signature(), f.chain(), counts.get(f.signature()),
                failureDirs.get(f.signature()).resolve(f.stem() + ".trace"), plan.reproduce(f.chain())));

        var absent = new TreeSet<Integer>();
        for (int i = 1; i <= n; i++) {
            if (!byShard.containsKey(i)) {
                absent.add(i);
            }
        }
        var twice = new ArrayList<String>();
        byShard.forEach((i, ds) -> {
            if (ds.size() > 1) {
                twice.add(i + "/" + n + " " + ds);
            }
        });
        if (!absent.isEmpty()) {
            stdout.println("missing shard(s): " + String.join(", ", absent.stream().map(i -> i + "/" + n).toList()));
        }
        if (!twice.isEmpty()) {
            stdout.println("shard(s) given more than once: " + String.join("; ", twice));
        }
        if (!incomplete.isEmpty()) {
            stdout.println("incomplete shard(s), not the budget of " + s0.budget() + ": " + String.join("; ", incomplete));
        }
        boolean ok = allPassed && absent.isEmpty() && twice.isEmpty() && incomplete.isEmpty();
        if (out != null && !(absent.isEmpty() && twice.isEmpty())) {
            stdout.println("merged results not written: the shards are not 1.." + n + " once each");
        } else if (out != null) {
            var kept = failures.values().stream().sorted(java.util.Comparator.comparingLong(CampaignSummary.Failure::chain))
                    .map(f -> new CampaignSummary.Failure(f.signature(), f.chain(), f.chainSeed(), f.stem(), counts.get(f.signature())))
                    .toList();
            int jobs = parts.stream().mapToInt(p -> p.summary().jobs()).sum();
            var merged = new CampaignSummary(s0.seed(), Shard.ALL, s0.budget(),
                    s0.pageSizes(), jobs, chains, actions, wall, kept);
            stdout.println("merged results: " + writeMerged(out.resolve("differential"), merged, hits, failureDirs));
        }
        stdout.println("campaign merge: " + (ok ? "passed" : "FAILED"));
        return ok ? 0 : 1;
    }

    /**
     * Writes the merged summary and coverage into {@code dir}, and each kept failure's files renamed
     * failure-1, failure-2, ... in chain order (two shards both name their first failure failure-1).
     */
    private static Path writeMerged(Path dir, CampaignSummary merged, Map<String, Long> hits, Map<String, Path> failureDirs)
            throws IOException {
        Files.createDirectories(dir);
        var renamed = new ArrayList<CampaignSummary.Failure>();
        for (var f : merged.failures()) {
            String stem = "failure-" + (renamed.size() + 1);
            for (var ext : List.of(".trace", ".txt")) {
                var from = failureDirs.get(f.signature()).resolve(f.stem() + ext);
                if (Files.isRegularFile(from)) {
                    Files.copy(from, dir.resolve(stem + ext), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            renamed.add(new CampaignSummary.Failure(f.signature(), f.chain(), f.chainSeed(), stem, f.count()));
        }
        new CampaignSummary(merged.seed(), merged.shard(), merged.budget(), merged.pageSizes(), merged.jobs(), merged.chains(),
                merged.actions(), merged.seconds(), renamed).write(dir);
        CoverageFile.write(dir, hits);
        return dir.toAbsolutePath().normalize();
    }

    /** Why two summaries are not shards of one campaign, or null when they are. */
    private static String differs(CampaignSummary a, CampaignSummary b) {
        Map<String, List<Object>> fields = Map.of(
                "seed", List.of(a.seed(), b.seed()),
                "shard count", List.of(a.shard().count(), b.shard().count()),
                "budget", List.of(a.budget(), b.budget()),
                "page sizes", List.of(a.pageSizes(), b.pageSizes()));
        for (var e : new TreeMap<>(fields).entrySet()) {
            if (!e.getValue().get(0).equals(e.getValue().get(1))) {
                return e.getKey() + " " + e.getValue().get(1) + ", not " + e.getValue().get(0);
            }
        }
        return null;
    }
}
