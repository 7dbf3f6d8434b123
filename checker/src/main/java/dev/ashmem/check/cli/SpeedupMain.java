package dev.ashmem.check.cli;

import dev.ashmem.check.explore.Ceiling;
import dev.ashmem.check.explore.Stats;
import dev.ashmem.check.scope.Scopes;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./ashmem speedup}: the model checker's speed-up of N workers over one, measured side by side.
 * Each scope is explored in fresh JVMs, one worker and N workers alternated (1 then N, N then 1, ...),
 * so that a neighbour's load on a shared machine weighs on both sides of the ratios; each JVM explores
 * {@code --repeat} times, the first run showing the cold JVM (the JIT compiling) and the later ones the
 * warm speed. Every run must find the same states, successors and depth: a difference exits 1.
 * Exit 0 = measured (and at least {@code --target} where given), 1 = a difference or a median below
 * the target, 2 = usage, 3 = a child JVM failed.
 */
@Command(name = "speedup", mixinStandardHelpOptions = true, sortOptions = false, version = "ashmem speedup 0.1.0",
        description = {"The model checker's wall-clock speed-up of N workers over one: each scope explored in fresh JVMs,",
                "one worker and N workers alternated, each JVM exploring --repeat times (the first run cold, the later warm).",
                "Options after '--' go to every model-check run (e.g. -- --max-depth 8)."})
public final class SpeedupMain implements Callable<Integer> {
    @Option(names = "--scopes", paramLabel = "LIST", split = ",", defaultValue = "1x8,2x4",
            description = "named scopes to measure (default ${DEFAULT-VALUE})")
    List<String> scopes;

    @Option(names = "--workers", paramLabel = "N", converter = ModelCheckMain.AtLeastOne.class,
            description = "the workers compared with one (default: every core, here ${DEFAULT-VALUE})")
    int workers = Runtime.getRuntime().availableProcessors();

    @Option(names = "--pairs", paramLabel = "N", defaultValue = "3", converter = ModelCheckMain.AtLeastOne.class,
            description = "JVM pairs per scope (default ${DEFAULT-VALUE})")
    int pairs;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "5", converter = ModelCheckMain.AtLeastOne.class,
            description = "explorations per JVM (default ${DEFAULT-VALUE}); the warm speed-up is over runs 2..N, so 1 gives the cold one only")
    int repeat;

    @Option(names = "--target", paramLabel = "X",
            description = "exit 1 when a scope's median speed-up (warm, or cold with --repeat 1) is below X")
    Double target;

    @Option(names = "--ceiling", description = {"the N-worker JVM also times the machine's ceiling after its runs (model-check --ceiling N, --repeat passes):",
            "the same expansions on 1 thread and on N with nothing to coordinate; each speed-up is then also given as a share of it"})
    boolean ceiling;

    @Parameters(paramLabel = "MODEL-CHECK-OPTION", description = "after '--': options for every model-check run")
    List<String> passOn = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private final PrintStream out;

    public SpeedupMain() {
        this(System.out);
    }

    SpeedupMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the command; returns the exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        var cl = new CommandLine(new SpeedupMain(out));
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof ChildFailed f) {
                err.println("speedup: " + f.getMessage());
                return 3;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    /** One JVM's explorations: the figures of each run, the process's wall time (without its ceiling passes), its ceiling passes. */
    record Jvm(int workers, List<Stats> runs, double processSeconds, List<Ceiling.Pass> ceiling) {
        double firstSeconds() {
            return runs.getFirst().seconds();
        }

        /** Mean over the warm runs (2..N) of a figure. */
        double warm(java.util.function.ToDoubleFunction<Stats> f) {
            return runs.subList(1, runs.size()).stream().mapToDouble(f).average().orElseThrow();
        }
    }

    /** One worker against N, in one pair of JVMs; the ceiling is the N-worker JVM's (none without --ceiling). */
    record Pair(Jvm one, Jvm many) {
        List<Ceiling.Pass> ceiling() {
            return many.ceiling;
        }

        /** The ceiling's passes' mean time on one thread, and on N. */
        double ceilingOne() {
            return ceiling().stream().mapToDouble(Ceiling.Pass::oneSeconds).average().orElseThrow();
        }

        double ceilingMany() {
            return ceiling().stream().mapToDouble(Ceiling.Pass::manySeconds).average().orElseThrow();
        }

        /** The machine's ceiling: the passes' mean time on one thread over their mean on N. */
        double ceilingRatio() {
            return ceilingOne() / ceilingMany();
        }

        /** The speed-up (warm, or cold with one run per JVM) as a share of the ceiling. */
        double ofCeiling() {
            return (one.runs.size() > 1 ? warm() : cold()) / ceilingRatio();
        }

        double cold() {
            return one.firstSeconds() / many.firstSeconds();
        }

        double warm() {
            return one.warm(Stats::seconds) / many.warm(Stats::seconds);
        }

        /** N workers' CPU time over one worker's, warm (cold when there is no warm run). */
        double cpu() {
            return one.runs.size() > 1 ? many.warm(Stats::cpuSeconds) / one.warm(Stats::cpuSeconds)
                    : many.runs.getFirst().cpuSeconds() / one.runs.getFirst().cpuSeconds();
        }

        double process() {
            return one.processSeconds / many.processSeconds;
        }
    }

    static final class ChildFailed extends RuntimeException {
        ChildFailed(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() {
        for (String s : scopes) {
            try {
                Scopes.named(s);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        if (workers < 2 || workers > ModelCheckMain.MAX_WORKERS) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--workers " + workers
                    + (workers < 2 ? ": the speed-up of one worker over one is 1" : ": at most " + ModelCheckMain.MAX_WORKERS));
        }
        boolean allSame = true;
        boolean allMet = true;
        for (String scope : scopes) {
            out.printf(Locale.ROOT, "# scope %s: 1 against %d workers, %d pair(s) of JVMs alternated, %d exploration(s) per JVM%s%n",
                    scope, workers, pairs, repeat, passOn.isEmpty() ? "" : ", model-check " + String.join(" ", passOn));
            var measured = new ArrayList<Pair>();
            Stats reference = null;
            for (int p = 0; p < pairs; p++) {
                boolean oneFirst = p % 2 == 0;
                // The ceiling in the N-worker JVM: the same store, memory and moment as the runs it is compared with.
                List<String> control = ceiling ? List.of("--ceiling", Integer.toString(workers), "--ceiling-passes", Integer.toString(repeat)) : List.of();
                Jvm a = explore(scope, oneFirst ? 1 : workers, oneFirst ? List.of() : control);
                Jvm b = explore(scope, oneFirst ? workers : 1, oneFirst ? control : List.of());
                var pair = oneFirst ? new Pair(a, b) : new Pair(b, a);
                measured.add(pair);
                for (Jvm j : List.of(a, b)) {
                    for (Stats s : j.runs) {
                        if (reference == null) {
                            reference = s;
                        } else if (!sameGraph(reference, s)) {
                            out.printf(Locale.ROOT, "DIFFERENT RESULTS: %d worker(s) found %s, an earlier run %s%n", j.workers, graph(s), graph(reference));
                            allSame = false;
                        }
                    }
                }
                out.println(line(p + 1, oneFirst, pair));
            }
            double median = median(measured.stream().mapToDouble(x -> repeat > 1 ? x.warm() : x.cold()).toArray());
            out.printf(Locale.ROOT, "# scope %s: speed-up %s%s; %s%n", scope,
                    repeat > 1 ? "warm " + range(measured, Pair::warm) + ", cold " + range(measured, Pair::cold) : range(measured, Pair::cold),
                    ", process " + range(measured, Pair::process)
                            + (ceiling ? ", ceiling " + range(measured, Pair::ceilingRatio) + ", speed-up " + percent(measured, Pair::ofCeiling) + " of it" : ""),
                    "every run " + graph(reference));
            if (target != null && median < target) {
                out.printf(Locale.ROOT, "# scope %s: median %.2fx is below the target %.2fx%n", scope, median, target);
                allMet = false;
            }
        }
        return allSame && allMet ? 0 : 1;
    }

    private String line(int n, boolean oneFirst, Pair p) {
        var s = new StringBuilder(String.format(Locale.ROOT, "pair %d (%s): cold %.2f s against %.2f s = %.2fx", n,
                oneFirst ? "1 then " + workers : workers + " then 1", p.one.firstSeconds(), p.many.firstSeconds(), p.cold()));
        if (repeat > 1) {
            s.append(String.format(Locale.ROOT, "; warm %.2f s against %.2f s = %.2fx", p.one.warm(Stats::seconds), p.many.warm(Stats::seconds), p.warm()));
        }
        s.append(String.format(Locale.ROOT, "; CPU %.2fx one worker's; process %.2f s against %.2f s = %.2fx",
                p.cpu(), p.one.processSeconds, p.many.processSeconds, p.process()));
        if (!p.ceiling().isEmpty()) {
            s.append(String.format(Locale.ROOT, "; ceiling %.2f s against %.2f s = %.2fx, the speed-up %.0f%% of it",
                    p.ceilingOne(), p.ceilingMany(), p.ceilingRatio(), 100 * p.ofCeiling()));
        }
        return s.toString();
    }

    private static String range(List<Pair> pairs, java.util.function.ToDoubleFunction<Pair> f) {
        double[] v = pairs.stream().mapToDouble(f).toArray();
        return String.format(Locale.ROOT, "median %.2fx (%.2f-%.2fx)", median(v), Arrays.stream(v).min().orElseThrow(), Arrays.stream(v).max().orElseThrow());
    }

    private static String percent(List<Pair> pairs, java.util.function.ToDoubleFunction<Pair> f) {
        double[] v = pairs.stream().mapToDouble(f).toArray();
        return String.format(Locale.ROOT, "median %.0f%% (%.0f-%.0f%%)", 100 * median(v), 100 * Arrays.stream(v).min().orElseThrow(),
                100 * Arrays.stream(v).max().orElseThrow());
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The same state graph: what the runs must agree on whatever their workers. */
    static boolean sameGraph(Stats a, Stats b) {
        return a.states() == b.states() && a.successors() == b.successors() && a.changed() == b.changed()
                && a.pruned() == b.pruned() && a.depth() == b.depth() && a.complete() == b.complete();
    }

    private static String graph(Stats s) {
        return String.format(Locale.ROOT, "%,d states, %,d successors, depth %d", s.states(), s.successors(), s.depth());
    }

    /** The child JVM running now: a parent that exits (Ctrl-C included) ends it. */
    private static final AtomicReference<Process> RUNNING = new AtomicReference<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process p = RUNNING.get();
            if (p != null) {
                p.destroyForcibly();
            }
        }, "speedup-child-reaper"));
    }

    /** Explores the scope in a fresh JVM with this one's options and classpath, and {@code extra} model-check options. */
    private Jvm explore(String scope, int n, List<String> extra) {
        var cmd = new ArrayList<String>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ModelCheckMain.class.getName(),
                "--scope", scope, "--quiet", "--workers", Integer.toString(n), "--repeat", Integer.toString(repeat)));
        cmd.addAll(extra);
        cmd.addAll(passOn);
        Path errFile = null;
        try {
            errFile = Files.createTempFile("ashmem-speedup", ".err");
            var pb = new ProcessBuilder(cmd).redirectError(errFile.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            long t0 = System.nanoTime();
            Process p;
            synchronized (RUNNING) {
                p = pb.start();
                RUNNING.set(p);
            }
            String stdout;
            int code;
            try {
                stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                code = p.waitFor();
            } finally {
                p.destroyForcibly();
                RUNNING.set(null);
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            var runs = stdout.lines().filter(l -> l.startsWith("# stats")).map(Stats::parse).toList();
            var passes = stdout.lines().filter(l -> l.startsWith("# ceiling")).map(Ceiling.Pass::parse).toList();
            boolean wantCeiling = extra.contains("--ceiling");
            if ((code != 0 && code != 1) || runs.size() != repeat || (wantCeiling && passes.size() != repeat)) {
                var tail = Files.readAllLines(errFile);
                throw new ChildFailed(String.format(Locale.ROOT, "model-check --scope %s --workers %d %sexited %d with %d of %d runs' figures%s%s",
                        scope, n, String.join(" ", extra).concat(extra.isEmpty() ? "" : " "), code, runs.size(), repeat,
                        wantCeiling ? String.format(Locale.ROOT, " and %d of %d ceiling passes", passes.size(), repeat) : "",
                        tail.isEmpty() ? "" : ": " + tail.getLast()));
            }
            // The process's time without the ceiling's passes, so that the pair's process ratio is the runs' alone.
            double ceilingSeconds = passes.stream().mapToDouble(c -> c.oneSeconds() + c.manySeconds()).sum();
            return new Jvm(n, runs, wall - ceilingSeconds, passes);
        } catch (IOException e) {
            throw new ChildFailed("could not run model-check: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChildFailed("interrupted");
        } finally {
            if (errFile != null) {
                try {
                    Files.deleteIfExists(errFile);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }
}
