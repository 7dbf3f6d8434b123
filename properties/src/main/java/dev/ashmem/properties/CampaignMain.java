package dev.ashmem.properties;

import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.DeviceClass;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The verification campaign's differential part: rounds of the differential property against an
 * implementation until a budget of tries or time is spent, with a progress line, a closing summary,
 * and every failure written out as a replayable trace.
 *
 * <pre>usage: CampaignMain [--tries N] [--time 60s] [--seed N] [--impl CLASS] [--out DIR] [--page-sizes 4096,16384]</pre>
 */
public final class CampaignMain {
    private CampaignMain() {
    }

    public static void main(String[] args) throws Exception {
        long tries = 0;
        Duration time = Duration.ofSeconds(60);
        long seed = new SplittableRandom().nextLong();
        String impl = DeviceClass.REFERENCE;
        Path out = Path.of("target", "campaign");
        List<Integer> pageSizes = List.of(4096, 16384);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--tries" -> { tries = Long.parseLong(need(a, v)); time = Duration.ofDays(365); i++; }
                case "--time" -> { time = duration(need(a, v)); i++; }
                case "--seed" -> { seed = Long.decode(need(a, v)); i++; }
                case "--impl" -> { impl = need(a, v); i++; }
                case "--out" -> { out = Path.of(need(a, v)); i++; }
                case "--page-sizes" -> { pageSizes = java.util.Arrays.stream(need(a, v).split(",")).map(Integer::parseInt).toList(); i++; }
                case "-h", "--help" -> { usage(); return; }
                default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
            }
        }
        System.exit(run(DeviceClass.load(impl), tries, time, seed, out, pageSizes) ? 0 : 1);
    }

    private static void usage() {
        System.out.println("""
                usage: campaign [--tries N | --time 60s] [--seed N] [--impl CLASS] [--out DIR] [--page-sizes 4096,16384]
                  runs the differential property against the implementation until the budget is spent;
                  failures are written to DIR as replayable traces""");
    }

    /** 90, 90s, 5m, 2h. */
    static Duration duration(String text) {
        var t = text.strip().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        char unit = t.charAt(t.length() - 1);
        long n = Long.parseLong(Character.isDigit(unit) ? t : t.substring(0, t.length() - 1));
        return switch (unit) {
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    private static String need(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /** Runs rounds until the budget is spent; true when nothing failed. */
    static boolean run(IntFunction<AshmemDevice> devices, long maxTries, Duration time, long seed, Path out, List<Integer> pageSizes)
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
        long lastPrint = 0;
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
            long now = System.nanoTime();
            if (now - lastPrint > 1_000_000_000L || round == 1) {
                lastPrint = now;
                double secs = (now - start) / 1e9;
                System.out.printf(Locale.ROOT, "\r  %,d actions checked, %,.0f actions/s, %d/%d rules covered, %d failure(s)   ",
                        steps, steps / secs, covered(rules), RuleCatalogue.SEQUENTIAL.size(), failures.size());
            }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%ncampaign done: %,d chains, %,d actions in %.1f s (%,.0f actions/s), seed %d%n",
                triesDone, steps, secs, steps / secs, seed);
        var missing = RuleCatalogue.SEQUENTIAL.stream().filter(r -> !rules.containsKey(r)).sorted().toList();
        System.out.printf("rules covered: %d of %d sequential rules%s%n", covered(rules), RuleCatalogue.SEQUENTIAL.size(),
                missing.isEmpty() ? "" : "; not reached: " + missing);
        System.out.println(failures.isEmpty() ? "no failures" : failures.size() + " failure(s), traces in " + out);
        return failures.isEmpty();
    }

    private static long covered(Map<String, Long> rules) {
        return RuleCatalogue.SEQUENTIAL.stream().filter(rules::containsKey).count();
    }
}
