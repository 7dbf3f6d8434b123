package dev.ashmem.oracle.cli;

import dev.ashmem.oracle.Implementations;
import dev.ashmem.oracle.protocol.DriveRate;
import dev.ashmem.oracle.protocol.Driver;
import dev.ashmem.oracle.protocol.InProcessClient;
import dev.ashmem.oracle.protocol.ProcessClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "drive-rate", mixinStandardHelpOptions = true,
        description = {"Measures how reliably drive catches the broken-variant catalogue: for every entry whose suites include "
                + "DRIVE, and for the correct reference implementation, runs 'drive --seed S' for seeds 1..N with drive's "
                + "budget against 'ashmem serve --impl reference [--variant NAME]' as a child process, without shrinking, and "
                + "prints per target: caught k/N, median sequences and requests to the failure, verdict.",
                "Exit code 0 when every variant is caught on at least the threshold of seeds and the correct implementation "
                + "passes every seed; 1 otherwise or when nothing ran; 2 for bad options."})
public final class DriveRateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seeds", defaultValue = "10", paramLabel = "N", description = "seeds 1..N per target (default ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--variant", paramLabel = "NAME",
            description = "measure only this catalogue entry (repeatable; default: every entry whose suites include DRIVE)")
    List<String> variants;

    @Option(names = "--threshold", defaultValue = "0.9", paramLabel = "FRACTION",
            description = "a variant must be caught on at least this fraction of the seeds, rounded up (default ${DEFAULT-VALUE}: 9 of 10)")
    double threshold;

    @Option(names = "--sequences", defaultValue = "" + Driver.DEFAULT_SEQUENCES, description = "drive's sequences per seed (default ${DEFAULT-VALUE}, drive's)")
    int sequences;

    @Option(names = "--steps", defaultValue = "" + Driver.DEFAULT_STEPS, description = "drive's maximum steps per sequence (default ${DEFAULT-VALUE}, drive's)")
    int steps;

    @Option(names = "--page-size", defaultValue = "4096", description = "the servers' page size: 4096, 16384 or 65536 (default ${DEFAULT-VALUE})")
    int pageSize;

    @Option(names = "--jobs", defaultValue = "1", paramLabel = "N", description = "drive runs at a time (default ${DEFAULT-VALUE})")
    int jobs;

    @Option(names = "--in-process", description = "serve in this JVM (same protocol lines, no child processes): fast, for tests")
    boolean inProcess;

    @Option(names = "--no-reference", description = "skip the correct reference implementation's row")
    boolean noReference;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        var out = spec.commandLine().getOut();
        if (seeds < 1 || sequences < 1 || steps < 1 || jobs < 1 || !(threshold > 0 && threshold <= 1)) {
            err.println("ashmem drive-rate: --seeds, --sequences, --steps and --jobs must be >= 1, --threshold in (0, 1]");
            return 2;
        }
        if (pageSize != 4096 && pageSize != 16384 && pageSize != 65536) {
            err.println("ashmem drive-rate: --page-size must be 4096, 16384 or 65536");
            return 2;
        }
        var problem = Implementations.referenceProblem();
        if (problem != null) {
            err.println("ashmem drive-rate: " + problem);
            return 2;
        }
        var catalogue = Implementations.variantNames("DRIVE");
        var names = variants == null ? catalogue : variants;
        for (var n : names) {
            if (!catalogue.contains(n)) {
                err.println("ashmem drive-rate: '" + n + "' is not a catalogue entry that drive must catch; those are: "
                        + String.join(", ", catalogue));
                return 2;
            }
        }
        var targets = new ArrayList<DriveRate.Target>();
        names.forEach(n -> targets.add(target(n)));
        if (!noReference) {
            targets.add(target(null));
        }
        if (targets.isEmpty()) {
            err.println("ashmem drive-rate: nothing to run");
            return 1;
        }
        int required = (int) Math.ceil(threshold * seeds - 1e-9);
        var budget = new DriveRate.Budget(sequences, steps, new Durations().convert(Driver.DEFAULT_TIMEOUT),
                new Durations().convert(Driver.DEFAULT_GRACE));
        out.println("drive-rate: " + targets.size() + " targets x seeds 1.." + seeds + ", " + sequences + " sequences of up to " + steps
                + " steps each, no shrinking; " + (inProcess ? "servers in process" : "servers: " + targets.getFirst().command()));
        out.flush();
        long start = System.nanoTime();
        var rows = DriveRate.measure(targets, seeds, required, budget, jobs, run -> {
            err.println(run.describe());
            err.flush();
        });
        out.print(DriveRate.table(rows));
        for (var r : rows) {
            for (var e : r.errors()) {
                out.println("\n" + r.target().name() + " seed " + e.seed() + ":\n" + e.report().text());
            }
        }
        boolean ok = rows.stream().allMatch(DriveRate.Row::ok);
        long bad = rows.stream().filter(r -> !r.ok()).count();
        out.printf("drive-rate: %s: %d of %d targets below the bar (a variant caught on >= %d/%d seeds, the correct one on none) in %s%n",
                ok ? "passed" : "FAILED", bad, rows.size(), required, seeds, seconds(System.nanoTime() - start));
        for (var r : rows) {
            if (!r.ok()) {
                out.println("reproduce one seed of " + r.target().name() + ": ashmem drive --command \"" + r.target().command() + "\" --seed S");
            }
        }
        out.flush();
        return ok ? 0 : 1;
    }

    private DriveRate.Target target(String variant) {
        String serve = "serve --impl reference --page-size " + pageSize + (variant == null ? "" : " --variant " + variant);
        String command = launcher() + " " + serve;
        // Started with this JVM's java and class path even when the launcher started it: the launcher could
        // rebuild the project under a running measurement (sources edited meanwhile), once per child.
        String started = thisJvm() + " " + serve;
        String name = variant == null ? "reference" : variant;
        if (inProcess) {
            return new DriveRate.Target(name, variant != null, command, () -> new InProcessClient(ServeCommand.reference(variant, pageSize)));
        }
        Duration timeout = new Durations().convert(Driver.DEFAULT_TIMEOUT);
        Duration grace = new Durations().convert(Driver.DEFAULT_GRACE);
        return new DriveRate.Target(name, variant != null, command, () -> ProcessClient.start(started, timeout, grace));
    }

    /** How a user starts the oracle: the launcher when this JVM was started by it, else this JVM's java and class path. */
    private static String launcher() {
        String root = System.getProperty("ashmem.root");
        if (root != null && Files.isExecutable(Path.of(root, "ashmem"))) {
            return quote(Path.of(root, "ashmem").toString());
        }
        return thisJvm();
    }

    /** This JVM's java and class path running the oracle. */
    private static String thisJvm() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return quote(java) + " --enable-native-access=ALL-UNNAMED -cp " + quote(System.getProperty("java.class.path"))
                + " dev.ashmem.oracle.OracleMain";
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
