package dev.ashmem.cli.mutate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./ashmem mutate}: mutation testing with PIT (the root pom's {@code mutation} profile) of the model, the
 * reference implementation or both, against the project's own suites together. Runs Maven once per target,
 * merges the modules' {@code mutations.xml}, leaves out the reviewed equivalents, and prints a score per class
 * and, last, one {@code mutation score:} line per target. The test command never runs PIT; this does.
 */
@Command(name = "mutate", mixinStandardHelpOptions = true, sortOptions = false, version = "ashmem-spec 0.1.0",
        description = {"Mutation testing (PIT) of the model and/or the reference implementation against the project's suites together.",
                "A mutant counts as killed when the tests of any module listed for its target killed it; reviewed equivalent "
                        + "mutants (--equivalents) are left out of the score; any other survivor is a gap in the tests."},
        footer = {"Targets: model (tests of model, trace), reference-impl (tests of reference-impl, "
                + "properties, oracle), all (both, default).",
                "Output: a table per class, then per target 'mutation score: N%% (K of M, E equivalent)': K killed of the M "
                        + "mutants that are not equivalent. Survivors are listed in target/mutation/TARGET-survivors.txt.",
                "A full run takes long on a loaded machine (see the README); --classes narrows it while iterating.",
                "Exit status: 0 when PIT ran (whatever the score), 1 when Maven failed or a target got no mutants, 2 for bad options."})
public final class MutateCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "TARGET", defaultValue = "all", description = "model, reference-impl or all (default)")
    String target;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "PIT's worker threads (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--classes", paramLabel = "GLOB", description = "mutate only these classes (PIT glob, e.g. dev.ashmem.model.FileIo*)")
    String classes;

    @Option(names = "--report-only", description = "do not run PIT: score the reports the last run left")
    boolean reportOnly;

    @Option(names = {"-o", "--offline"}, description = "run Maven offline")
    boolean offline;

    @Option(names = "--survivors", description = "also print every survivor the equivalents list does not explain")
    boolean printSurvivors;

    @Option(names = "--equivalents", paramLabel = "FILE", description = "the reviewed equivalent mutants (default: cli/equivalent-mutants.txt)")
    Path equivalentsFile;

    private final Path root;
    private final PrintStream out;

    MutateCommand(Path root, PrintStream out) {
        this.root = root;
        this.out = out;
    }

    public static void main(String[] args) {
        var root = Path.of(System.getProperty("ashmem.root", ".")).toAbsolutePath().normalize();
        System.exit(new CommandLine(new MutateCommand(root, System.out)).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<MutationTarget> targets;
        try {
            targets = MutationTarget.parse(target);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        Equivalents equivalents;
        try {
            equivalents = Equivalents.read(equivalentsFile != null ? equivalentsFile : root.resolve("cli/equivalent-mutants.txt"));
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--equivalents: " + e.getMessage()
                    + (e instanceof java.nio.file.NoSuchFileException ? ": no such file" : ""));
        }
        var sources = new SourceLines(root);
        var scores = new LinkedHashMap<MutationTarget, Tally.Score>();
        var times = new LinkedHashMap<MutationTarget, Duration>();
        for (var t : targets) {
            if (!reportOnly) {
                long start = System.nanoTime();
                if (!runPit(t)) {
                    return 1;
                }
                times.put(t, Duration.ofNanos(System.nanoTime() - start));
            }
            List<List<Mutant>> reports;
            try {
                reports = reports(t);
            } catch (IOException e) {
                out.println("mutate " + t.word() + ": " + e.getMessage());
                return 2;
            }
            var tally = new Tally(reports, equivalents, sources::of);
            printClasses(t, tally, sources);
            scores.put(t, tally.total(t.word()));
        }
        // A run that mutated nothing (a --classes glob matching no class) measured nothing: no score, no success.
        var empty = scores.entrySet().stream().filter(e -> e.getValue().mutants() == 0).map(e -> e.getKey().word()).toList();
        if (!empty.isEmpty()) {
            out.println("mutate: PIT made no mutants for " + String.join(", ", empty) + (classes != null ? " (--classes " + classes + " matches no class?)" : ""));
            return 1;
        }
        out.println();
        for (var e : scores.entrySet()) {
            var time = times.get(e.getKey());
            out.printf("%-15s %s%s%n", e.getKey().word(), e.getValue().line(), time == null ? "" : "  [PIT ran " + minutes(time) + "]");
        }
        return 0;
    }

    /** The mutations.xml of every module of the target that PIT reported into. */
    private List<List<Mutant>> reports(MutationTarget t) throws IOException {
        var out = new ArrayList<List<Mutant>>();
        for (String module : t.modules()) {
            Path xml = reportDir(module, t).resolve("mutations.xml");
            if (Files.isRegularFile(xml) && Files.size(xml) == 0) {
                // PIT opens the file first and writes it at the end: an empty one is a run that was stopped.
                this.out.println("mutate " + t.word() + ": " + root.relativize(xml) + " is empty (a PIT run stopped before its end); left out");
            } else if (Files.isRegularFile(xml)) {
                out.add(MutationsXml.read(xml));
            }
        }
        if (out.isEmpty()) {
            throw new IOException("no PIT report for " + t.word() + " under " + reportDir(t.modules().getFirst(), t) + " (run without --report-only)");
        }
        return out;
    }

    private Path reportDir(String module, MutationTarget t) {
        return root.resolve(module).resolve("target/pit-reports").resolve(t.word());
    }

    private boolean runPit(MutationTarget t) throws IOException, InterruptedException {
        Path logDir = root.resolve("target/mutation");
        Files.createDirectories(logDir);
        Path log = logDir.resolve(t.word() + "-pit.log");
        for (String module : t.modules()) {
            deleteReport(reportDir(module, t).resolve("mutations.xml"));
        }
        var cmd = new ArrayList<>(List.of("mvn", "-B", "-ntp", "-Dstyle.color=never", "-Pmutation",
                "-Dpit.target=" + (classes != null ? classes : t.classes()), "-Dpit.threads=" + threads, "-Dpit.report=" + t.word(),
                "-pl", String.join(",", t.modules()), "org.pitest:pitest-maven:mutationCoverage"));
        if (offline) {
            cmd.add(1, "-o");
        }
        out.println("mutate " + t.word() + ": PIT over the tests of " + String.join(", ", t.modules()) + " (" + threads
                + " threads; log " + root.relativize(log) + ")");
        var pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        // Maven's own libraries warn on JDK 24+ about sun.misc.Unsafe; the build itself does not use it.
        env.merge("MAVEN_OPTS", "--sun-misc-unsafe-memory-access=allow", (a, b) -> a + " " + b);
        // A SIGTERM to this JVM must not leave Maven and PIT's JVMs running (Ctrl-C reaches the whole group anyway).
        // The hook is registered first and Maven starts under its lock: a signal right after the spawn still ends it.
        var started = new java.util.concurrent.atomic.AtomicReference<Process>();
        var ended = new java.util.concurrent.atomic.AtomicBoolean();
        var end = new Thread(() -> {
            Process p;
            synchronized (started) {
                ended.set(true); // no start after this
                p = started.get();
            }
            if (p != null) {
                p.descendants().forEach(ProcessHandle::destroy);
                p.destroy();
            }
        }, "mutate-end-maven");
        try {
            Runtime.getRuntime().addShutdownHook(end);
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
        Process maven;
        synchronized (started) {
            if (ended.get()) {
                return false;
            }
            try {
                maven = pb.start();
            } catch (IOException e) {
                out.println("mutate " + t.word() + ": cannot start Maven (" + e.getMessage() + "); is mvn on the PATH?");
                maven = null;
            }
            started.set(maven);
        }
        int rc;
        try {
            if (maven == null) {
                return false;
            }
            rc = maven.waitFor();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(end);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or will
            }
        }
        if (rc != 0) {
            var lines = Files.readAllLines(log);
            lines.subList(Math.max(0, lines.size() - 30), lines.size()).forEach(out::println);
            out.println("mutate " + t.word() + ": Maven failed (exit " + rc + "), log " + log);
        }
        return rc == 0;
    }

    private static void deleteReport(Path xml) throws IOException {
        Files.deleteIfExists(xml);
    }

    private void printClasses(MutationTarget t, Tally tally, SourceLines sources) throws IOException {
        out.println();
        out.printf("%-52s %7s %7s %5s %6s%n", t.word() + ": class", "mutants", "killed", "equiv", "score");
        for (var s : tally.perClass()) {
            out.printf("%-52s %7d %7d %5d %5d%%%n", s.name(), s.mutants(), s.killed(), s.equivalent(), s.percent());
        }
        var survivors = tally.survivors();
        Path file = root.resolve("target/mutation").resolve(t.word() + "-survivors.txt");
        Files.createDirectories(file.getParent());
        var lines = survivors.stream().map(m -> describe(m, sources.of(m).orElse("?"))).toList();
        Files.write(file, lines);
        out.println(survivors.size() + " survivors not in the equivalents list: " + root.relativize(file));
        if (printSurvivors) {
            lines.forEach(l -> out.println("  " + l));
        }
        for (var e : tally.killedButListed()) {
            out.println("equivalents line " + e.at() + " names a mutant a test killed: remove it (" + e.className() + "." + e.method() + ":" + e.line() + ")");
        }
    }

    /** One survivor in the equivalents list's form, PIT's description where the reason goes: reviewed, it can be pasted in. */
    static String describe(Mutant m, String source) {
        return m.mutatedClass() + " | " + m.method() + " | " + m.line() + " | " + m.mutatorName() + " | " + source + " | "
                + m.description() + " [" + m.status() + "]";
    }

    private static String minutes(Duration d) {
        return d.toMinutes() + "m" + String.format("%02d", d.toSecondsPart()) + "s";
    }
}
