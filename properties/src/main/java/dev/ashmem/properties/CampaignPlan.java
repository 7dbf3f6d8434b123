package dev.ashmem.properties;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What a differential campaign runs. Chain k (0-based) has its own seed, {@link #chainSeed}, derived from
 * the campaign's seed and k alone, and its page size from k alone, so a chain runs the same whether it
 * runs alone ({@code chain}), in a shard, or on any of {@code jobs} threads. With a budget of {@code tries}
 * the campaign runs exactly the chains 0..tries-1 of its {@code shard}; with a time budget only, the chains
 * that finished in time.
 *
 * @param tries     chains in the whole campaign (all shards together); 0: no limit
 * @param time      the wall-clock budget
 * @param jobs      chains run at once, each on its own thread
 * @param chain     run only this chain (to reproduce it), or null
 */
public record CampaignPlan(long seed, long tries, Duration time, List<Integer> pageSizes, int jobs, Shard shard, Long chain) {
    public CampaignPlan {
        pageSizes = List.copyOf(pageSizes);
        if (pageSizes.isEmpty() || jobs < 1 || tries < 0) {
            throw new IllegalArgumentException("a plan needs page sizes, at least one job and tries >= 0");
        }
    }

    /** One job, the whole campaign: the plan of the single-threaded run. */
    public static CampaignPlan of(long seed, long tries, Duration time, List<Integer> pageSizes) {
        return new CampaignPlan(seed, tries, time, pageSizes, 1, Shard.ALL, null);
    }

    public CampaignPlan withJobs(int n) {
        return new CampaignPlan(seed, tries, time, pageSizes, n, shard, chain);
    }

    public CampaignPlan withShard(Shard s) {
        return new CampaignPlan(seed, tries, time, pageSizes, jobs, s, chain);
    }

    public CampaignPlan withChain(Long k) {
        return new CampaignPlan(seed, tries, time, pageSizes, jobs, shard, k);
    }

    /** Chain k's seed: SplitMix64's finaliser over the campaign seed and k (distinct k, well-spread seeds). */
    public long chainSeed(long k) {
        long z = seed + (k + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Chain k's page size: the list taken in turn. */
    public int pageSize(long k) {
        return pageSizes.get((int) (k % pageSizes.size()));
    }

    /** How many chains this run may start: the shard's share of {@code tries}, one for {@code chain}, else no limit. */
    public long limit() {
        return chain != null ? 1 : tries > 0 ? shard.chainsOf(tries) : Long.MAX_VALUE;
    }

    /** The index of the chain this run starts {@code position}-th. */
    public long chainAt(long position) {
        return chain != null ? chain : shard.chain(position);
    }

    /** The time budget of a run limited by its tries only. */
    public static final Duration NO_TIME_LIMIT = Duration.ofDays(365);

    /**
     * The budget as the summary file and the header line say it: "N tries" (every chain of the shard runs),
     * "N tries within T s" (the time may cut the tries short) or "T s".
     */
    public String budget() {
        if (chain != null) {
            return "chain " + chain;
        }
        String seconds = time.toMillis() % 1000 == 0 ? time.toSeconds() + " s" : String.format(Locale.ROOT, "%.3f s", time.toMillis() / 1e3);
        if (tries > 0) {
            return time.compareTo(NO_TIME_LIMIT) >= 0 ? tries + " tries" : tries + " tries within " + seconds;
        }
        return seconds;
    }

    /** The tries of a budget that {@link #budget} wrote as "N tries" (no time limit), or -1 for any other. */
    public static long triesOnly(String budget) {
        var m = java.util.regex.Pattern.compile("([0-9]+) tries").matcher(budget);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The command that runs chain k alone. */
    public String reproduce(long k) {
        return "./ashmem campaign --seed " + seed + " --chain " + k + " --page-sizes "
                + String.join(",", pageSizes.stream().map(String::valueOf).toList()) + " --no-stress --no-model-check";
    }
}
