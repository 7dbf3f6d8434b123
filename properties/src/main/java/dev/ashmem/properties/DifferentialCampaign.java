package dev.ashmem.properties;

import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.RuleCatalogue;
import dev.ashmem.pbt.Config;
import dev.ashmem.pbt.Pbt;
import dev.ashmem.pbt.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * The verification campaign's differential part: rounds of the differential property against an
 * implementation until a budget of tries or time is spent, with a progress line, a closing summary,
 * and every failure written out as a replayable trace. {@code ./ashmem campaign} (dev.ashmem.cli)
 * runs it.
 */
public final class DifferentialCampaign {
    private DifferentialCampaign() {
    }

    /**
     * Runs rounds until the budget is spent: {@code maxTries} chains (0: no limit) or {@code time}, whichever
     * comes first; true when nothing failed.
     */
    public static boolean run(IntFunction<AshmemDevice> devices, long maxTries, Duration time, long seed, Path out, List<Integer> pageSizes)
            throws IOException {
        System.out.printf(Locale.ROOT, "campaign: seed %d, budget %s, page sizes %s%n", seed,
                maxTries > 0 ? maxTries + " tries" : time.toSeconds() + " s", pageSizes);
        long start = System.nanoTime();
        long deadline = start + time.toNanos();
        var random = new SplittableRandom(seed);
        var rules = new TreeMap<String, Long>();
        var failures = new ArrayList<Result.Failed>();
        long triesDone = 0;
        long steps = 0;
        int round = 0;
        var progress = ProgressLine.to(System.out);
        while (System.nanoTime() < deadline && (maxTries == 0 || triesDone < maxTries)) {
            int pageSize = pageSizes.get(round % pageSizes.size());
            long roundSeed = random.nextLong();
            int roundTries = (int) Math.min(200, maxTries == 0 ? 200 : maxTries - triesDone);
            var config = Config.defaults().withTries(roundTries).withMaxSteps(80).withSeed(roundSeed)
                    .withTime(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))).withDatabase(null);
            var result = Pbt.check("campaign P=" + pageSize + " round " + round, config.withPageSize(pageSize),
                    Differential.machine(devices, pageSize)::run);
            triesDone += result.tries();
            steps += result.steps();
            result.statistics().labels().forEach((label, stat) -> {
                if (!label.startsWith("action:")) {
                    rules.merge(label, stat.hits(), Long::sum);
                }
            });
            if (result instanceof Result.Failed f) {
                failures.add(f);
                var file = out.resolve("failure-" + failures.size() + ".txt");
                Files.createDirectories(out);
                Files.writeString(file, f.report());
                System.out.println("\nFAILURE (written to " + file + "):\n" + f.report());
            }
            round++;
            double secs = (System.nanoTime() - start) / 1e9;
            progress.update(String.format(Locale.ROOT, "  %,d actions checked, %,.0f actions/s, %d/%d rules covered, %d failure(s)",
                    steps, steps / secs, covered(rules), RuleCatalogue.SEQUENTIAL.size(), failures.size()));
        }
        progress.finish();
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "campaign done: %,d chains, %,d actions in %.1f s (%,.0f actions/s), seed %d%n",
                triesDone, steps, secs, steps / secs, seed);
        var missing = RuleCatalogue.SEQUENTIAL.stream().filter(r -> !rules.containsKey(r)).sorted().toList();
        System.out.printf("rules covered: %d of %d sequential rules%s%n", covered(rules), RuleCatalogue.SEQUENTIAL.size(),
                missing.isEmpty() ? "" : "; not reached: " + missing);
        System.out.println(failures.isEmpty() ? "no failures" : failures.size() + " failure(s), traces in " + out);
        CoverageFile.write(out, rules);
        return failures.isEmpty();
    }

    private static long covered(Map<String, Long> rules) {
        return RuleCatalogue.SEQUENTIAL.stream().filter(rules::containsKey).count();
    }
}
