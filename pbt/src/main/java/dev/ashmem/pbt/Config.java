package dev.ashmem.pbt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a property runs. Immutable; change it with the {@code with…} methods. {@link #withOverrides}
 * applies the {@code pbt.*} keys (system properties, JUnit configuration parameters), which take
 * precedence over annotations so a campaign can run the same property longer:
 * {@code -Dpbt.tries=100000 -Dpbt.seed=42 -Dpbt.time=60s}.
 *
 * @param tries       valid test cases to run (discarded ones do not count)
 * @param maxSteps    maximum length of a state-machine chain
 * @param time        wall-clock budget for the search; {@link Duration#ZERO} means none
 * @param seed        seed of the search, or null for a fresh random one
 * @param maxShrinks  maximum test-case executions spent shrinking
 * @param shrinkTime  wall-clock budget for shrinking
 * @param pageSize    page size for integer edge cases (4096, 16384, 65536, …)
 * @param replay      a choice-sequence encoding to run instead of searching, or null
 * @param database    directory of the failure database, or null for none
 * @param maxChoices  choices one test case may draw before it is discarded
 * @param coverage    label coverage requirements checked after a passing run
 * @param maxFailures distinct failures (by {@link FailureSignature}) to collect, shrink and report in one
 *                    run; 1 stops at the first, as most runs want
 */
public record Config(
        int tries,
        int maxSteps,
        Duration time,
        Long seed,
        int maxShrinks,
        Duration shrinkTime,
        long pageSize,
        String replay,
        Path database,
        int maxChoices,
        List<Coverage> coverage,
        int maxFailures) {

    public static final String TRIES = "pbt.tries";
    public static final String MAX_STEPS = "pbt.maxSteps";
    public static final String TIME = "pbt.time";
    public static final String SEED = "pbt.seed";
    public static final String SHRINKS = "pbt.shrinks";
    public static final String SHRINK_TIME = "pbt.shrinkTime";
    public static final String PAGE_SIZE = "pbt.pageSize";
    public static final String REPLAY = "pbt.replay";
    public static final String DATABASE = "pbt.database";
    public static final String MAX_CHOICES = "pbt.maxChoices";
    public static final String MAX_FAILURES = "pbt.maxFailures";

    /** Every key {@link #withOverrides} reads. */
    public static final List<String> KEYS =
            List.of(TRIES, MAX_STEPS, TIME, SEED, SHRINKS, SHRINK_TIME, PAGE_SIZE, REPLAY, DATABASE, MAX_CHOICES,
                    MAX_FAILURES);

    public Config {
        if (tries < 1) throw new IllegalArgumentException("tries must be >= 1: " + tries);
        if (maxSteps < 0) throw new IllegalArgumentException("maxSteps must be >= 0: " + maxSteps);
        if (maxShrinks < 0) throw new IllegalArgumentException("maxShrinks must be >= 0: " + maxShrinks);
        if (pageSize <= 0) throw new IllegalArgumentException("pageSize must be > 0: " + pageSize);
        if (maxChoices < 1) throw new IllegalArgumentException("maxChoices must be >= 1: " + maxChoices);
        if (maxFailures < 1) throw new IllegalArgumentException("maxFailures must be >= 1: " + maxFailures);
        if (time.isNegative() || shrinkTime.isNegative()) throw new IllegalArgumentException("negative duration");
        coverage = List.copyOf(coverage);
    }

    /** 100 tries, chains of up to 50 steps, no time limit, 5000 shrink runs or 30 s, 4 KiB pages, no database, the first failure only. */
    public static Config defaults() {
        return new Config(100, 50, Duration.ZERO, null, 5000, Duration.ofSeconds(30), 4096, null, null,
                100_000, List.of(), 1);
    }

    public Config withTries(int v) {
        return new Config(v, maxSteps, time, seed, maxShrinks, shrinkTime, pageSize, replay, database, maxChoices, coverage, maxFailures);
    }

    public Config withMaxSteps(int v) {
        return new Config(tries, v, time, seed, maxShrinks, shrinkTime, pageSize, replay, database, maxChoices, coverage, maxFailures);
    }

    public Config withTime(Duration v) {
        return new Config(tries, maxSteps, v, seed, maxShrinks, shrinkTime, pageSize, replay, database, maxChoices, coverage, maxFailures);
    }

    /** A fixed seed; {@code withSeed(42)} reads better than {@code withSeed(42L)}. */
    public Config withSeed(long v) {
        return withSeed(Long.valueOf(v));
    }

    /** A fixed seed, or null for a fresh random seed per run. */
    public Config withSeed(Long v) {
        return new Config(tries, maxSteps, time, v, maxShrinks, shrinkTime, pageSize, replay, database, maxChoices, coverage, maxFailures);
    }

    public Config withMaxShrinks(int v) {
        return new Config(tries, maxSteps, time, seed, v, shrinkTime, pageSize, replay, database, maxChoices, coverage, maxFailures);
    }

    public Config withShrinkTime(Duration v) {
        return new Config(tries, maxSteps, time, seed, maxShrinks, v, pageSize, replay, database, maxChoices, coverage, maxFailures);
    }

    public Config withPageSize(long v) {
        return new Config(tries, maxSteps, time, seed, maxShrinks, shrinkTime, v, replay, database, maxChoices, coverage, maxFailures);
    }

    public Config withReplay(String v) {
        return new Config(tries, maxSteps, time, seed, maxShrinks, shrinkTime, pageSize, v, database, maxChoices, coverage, maxFailures);
    }

    public Config withDatabase(Path v) {
        return new Config(tries, maxSteps, time, seed, maxShrinks, shrinkTime, pageSize, replay, v, maxChoices, coverage, maxFailures);
    }

    public Config withMaxChoices(int v) {
        return new Config(tries, maxSteps, time, seed, maxShrinks, shrinkTime, pageSize, replay, database, v, coverage, maxFailures);
    }

    /** Collect up to {@code v} distinct failures in one run, each shrunk and reported with its replay string. */
    public Config withMaxFailures(int v) {
        return new Config(tries, maxSteps, time, seed, maxShrinks, shrinkTime, pageSize, replay, database, maxChoices,
                coverage, v);
    }

    /** Adds a requirement: every label in {@code labels} hit at least {@code atLeast} times. */
    public Config requireCoverage(long atLeast, String... labels) {
        var all = new ArrayList<>(coverage);
        all.add(new Coverage(java.util.Set.of(labels), atLeast));
        return new Config(tries, maxSteps, time, seed, maxShrinks, shrinkTime, pageSize, replay, database, maxChoices, all, maxFailures);
    }

    /** Applies {@code pbt.*} system properties on top of this configuration. */
    public Config withSystemProperties() {
        return withOverrides(key -> Optional.ofNullable(System.getProperty(key)));
    }

    /**
     * Applies every {@code pbt.*} key {@code lookup} knows. {@code pbt.database} takes a directory or
     * {@code off}; durations take {@code 500ms}, {@code 60s}, {@code 5m}, {@code 1h}, ISO-8601 or seconds.
     */
    public Config withOverrides(Function<String, Optional<String>> lookup) {
        Config c = this;
        for (String key : KEYS) {
            Optional<String> raw = lookup.apply(key).map(String::strip).filter(s -> !s.isEmpty());
            if (raw.isEmpty()) continue;
            String v = raw.get();
            try {
                c = switch (key) {
                    case TRIES -> c.withTries(parseInt(v));
                    case MAX_STEPS -> c.withMaxSteps(parseInt(v));
                    case TIME -> c.withTime(parseDuration(v));
                    case SEED -> c.withSeed(parseLong(v));
                    case SHRINKS -> c.withMaxShrinks(parseInt(v));
                    case SHRINK_TIME -> c.withShrinkTime(parseDuration(v));
                    case PAGE_SIZE -> c.withPageSize(parseLong(v));
                    case REPLAY -> c.withReplay(v);
                    case DATABASE -> c.withDatabase(isOff(v) ? null : Path.of(v));
                    case MAX_CHOICES -> c.withMaxChoices(parseInt(v));
                    case MAX_FAILURES -> c.withMaxFailures(parseInt(v));
                    default -> c;
                };
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": cannot use '" + v + "': " + e.getMessage(), e);
            }
        }
        return c;
    }

    static boolean isOff(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        return s.equals("off") || s.equals("false") || s.equals("none") || s.equals("no");
    }

    static int parseInt(String v) {
        long n = parseLong(v);
        if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) throw new IllegalArgumentException("out of int range");
        return (int) n;
    }

    static long parseLong(String v) {
        String s = v.replace("_", "");
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) return Long.parseUnsignedLong(s.substring(2), 16);
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number", e);
        }
    }

    static Duration parseDuration(String v) {
        String s = v.strip().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("pt") || s.startsWith("p")) return Duration.parse(s.toUpperCase(Locale.ROOT));
            if (s.endsWith("ms")) return Duration.ofMillis(parseLong(s.substring(0, s.length() - 2)));
            if (s.endsWith("s")) return Duration.ofSeconds(parseLong(s.substring(0, s.length() - 1)));
            if (s.endsWith("m")) return Duration.ofMinutes(parseLong(s.substring(0, s.length() - 1)));
            if (s.endsWith("h")) return Duration.ofHours(parseLong(s.substring(0, s.length() - 1)));
            return Duration.ofSeconds(parseLong(s));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration (try 500ms, 60s, 5m, 1h)", e);
        }
    }
}
