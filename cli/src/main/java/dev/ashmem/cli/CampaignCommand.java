package dev.ashmem.cli;

import dev.ashmem.check.cli.ModelCheckMain;
import dev.ashmem.check.scope.Scopes;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.DeviceClass;
import dev.ashmem.oracle.cli.Durations;
import dev.ashmem.oracle.rules.Attributions;
import dev.ashmem.properties.CampaignPlan;
import dev.ashmem.properties.DifferentialCampaign;
import dev.ashmem.properties.FailingStep;
import dev.ashmem.properties.Shard;
import dev.ashmem.stress.Interruption;
import dev.ashmem.stress.StressMain;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./ashmem campaign}: the project's main job. (1) the differential property suite against an
 * implementation, in process; (2) jcstress, as a child JVM on the stress module's shaded jar (jcstress
 * forks its own VMs from it); (3) the model checker on a medium scope, in process. Ends with one
 * {@code campaign summary:} line; the exit status is 0 when every part that ran passed.
 */
@Command(name = "campaign", mixinStandardHelpOptions = true, sortOptions = false,
        version = "ashmem-spec 0.1.0",
        description = "The verification campaign: (1) the differential property suite against the reference implementation "
                + "(or --impl), (2) the jcstress tests of the global mutex, (3) model checking of a medium scope.",
        footer = {"'./ashmem campaign merge DIR...' combines the differential results of shards (--shard I/N) run apart.",
                "Exit status: 0 when every part that ran passed, 1 when one failed, 2 for bad options."})
public final class CampaignCommand implements Callable<Integer> {
    /** Where the launcher's checkout is: the stress jar and the default results directory are under it. */
    static final String ROOT_PROPERTY = "ashmem.root";

    @Option(names = "--time", paramLabel = "DURATION", defaultValue = "60s", converter = Durations.class,
            description = "budget of the differential suite: 500ms, 90s, 5m, 1h (default ${DEFAULT-VALUE})")
    Duration time;

    @Option(names = "--action-timeout", paramLabel = "DURATION", defaultValue = "60s", converter = Durations.class,
            description = "how long one call into the implementation may take: one that does not return in time is reported as a"
                    + " hang (a failure) and ends the run (default ${DEFAULT-VALUE})")
    Duration actionTimeout;

    @Option(names = "--tries", paramLabel = "N", converter = PositiveLong.class,
            description = "budget in chains instead (with --time too: whichever is spent first)")
    Long tries;

    @Option(names = "--seed", paramLabel = "N", converter = Seed.class, description = "the differential suite's seed, to reproduce a run (default: random)")
    Long seed;

    @Option(names = "--jobs", paramLabel = "N", converter = PositiveInt.class,
            description = {"chains run at once, each on its own thread (default: every core, here ${sys:ashmem.cores}). "
                    + "Each chain's seed comes from --seed and its index alone: with --tries the same chains run whatever N is; "
                    + "with --time alone, the chains that finished in time.",
                    "Use --jobs 1 for an --impl whose instances share state."})
    Integer jobs;

    @Option(names = "--shard", paramLabel = "I/N", converter = ShardSpec.class,
            description = "run only shard I of N (1-based: 1/4 .. 4/4): the chains whose index k has k mod N = I-1, with --tries T "
                    + "the shard's share of chains 0..T-1; give every shard the same --seed and budget, then "
                    + "'campaign merge DIR...' combines their --out directories")
    Shard shard;

    @Option(names = "--chain", paramLabel = "K", converter = PositiveOrZeroLong.class,
            description = "run chain K alone (0-based), as a failure's report prints it, with the campaign's --seed and --page-sizes")
    Long chain;

    @Option(names = "--impl", paramLabel = "CLASS", defaultValue = DeviceClass.REFERENCE,
            description = {"the implementation under test: " + DeviceClass.REQUIREMENT + " (default ${DEFAULT-VALUE})"})
    String impl;

    @Option(names = "--classpath", paramLabel = "PATH",
            description = DeviceClass.CLASSPATH_HELP)
    String classpath;

    @Option(names = "--page-sizes", paramLabel = "LIST", split = ",", defaultValue = "4096,16384",
            description = "page sizes the differential rounds alternate (default ${DEFAULT-VALUE})")
    List<Integer> pageSizes;

    @Option(names = "--out", paramLabel = "DIR", description = "results: DIR/differential (failure traces, coverage.tsv, summary.tsv), DIR/stress (jcstress' report); default target/campaign")
    Path out;

    @Option(names = "--stress-mode", paramLabel = "MODE", defaultValue = "smoke", converter = StressMain.Mode.class,
            description = "smoke, or jcstress' full matrix: sanity, quick, default, tough, stress (default ${DEFAULT-VALUE})")
    String stressMode;

    @Option(names = "--no-stress", description = "skip jcstress")
    boolean noStress;

    @Option(names = "--model-check-scope", paramLabel = "NAME", defaultValue = "2x4", converter = ScopeName.class,
            description = "the model checker's scope (default ${DEFAULT-VALUE}; ./ashmem model-check --list-scopes)")
    String modelCheckScope;

    @Option(names = "--no-model-check", description = "skip model checking")
    boolean noModelCheck;

    @Spec
    CommandSpec spec;

    private final PrintStream stdout;
    private final Path root;
    /** The differential part's time budget is measured on it (System.nanoTime but in tests). */
    private final LongSupplier clock;

    CampaignCommand(PrintStream stdout, Path root, LongSupplier clock) {
        this.stdout = stdout;
        this.root = root;
        this.clock = clock;
    }

    public static void main(String[] args) {
        var command = new CampaignCommand(System.out, Path.of(System.getProperty(ROOT_PROPERTY, ".")), System::nanoTime);
        System.exit(execute(command, System.out, System.err, args));
    }

    /** Runs a command line; returns the exit status. */
    static int run(PrintStream out, PrintStream err, Path root, String... args) {
        return run(out, err, root, System::nanoTime, args);
    }

    /** The same, with the time budget measured on {@code clock}. */
    static int run(PrintStream out, PrintStream err, Path root, LongSupplier clock, String... args) {
        return execute(new CampaignCommand(out, root, clock), out, err, args);
    }

    private static int execute(CampaignCommand command, PrintStream out, PrintStream err, String... args) {
        System.setProperty("ashmem.cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        var cl = new CommandLine(command).addSubcommand("merge", new CampaignMergeCommand(out));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** Where the run is, for the summary an interrupt prints (read by the shutdown hook's thread). */
    private volatile Verdict differential = Verdict.NOT_RUN;
    private volatile Verdict stress = Verdict.NOT_RUN;
    private volatile Verdict modelCheck = Verdict.NOT_RUN;
    private volatile DifferentialCampaign campaign;
    private volatile Path results;

    @Override
    public Integer call() throws IOException, InterruptedException {
        IntFunction<AshmemDevice> devices;
        try {
            devices = DeviceClass.load(impl, classpath);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage().startsWith("--") ? e.getMessage() : "--impl: " + e.getMessage());
        }
        if (pageSizes.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--page-sizes: no page size given (4096, 16384, 65536)");
        }
        for (int p : pageSizes) {
            if (p != 4096 && p != 16384 && p != 65536) {
                throw new ParameterException(spec.commandLine(), "--page-sizes: " + p + " is not a page size the model knows (4096, 16384, 65536)");
            }
        }
        if (chain != null && shard != null) {
            throw new ParameterException(spec.commandLine(), "--chain and --shard: a single chain is no shard; give one of them");
        }
        results = (out != null ? out : root.resolve("target").resolve("campaign")).toAbsolutePath().normalize();
        try {
            java.nio.file.Files.createDirectories(results);
            if (!java.nio.file.Files.isWritable(results)) {
                throw new java.nio.file.AccessDeniedException(results.toString());
            }
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--out: cannot write results under " + results + " ("
                    + (e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason() : e.getClass().getSimpleName()) + ")");
        }
        // --tries alone is a budget of chains only.
        boolean timeGiven = spec.commandLine().getParseResult().hasMatchedOption("--time");
        Duration budget = (tries != null || chain != null) && !timeGiven ? CampaignPlan.NO_TIME_LIMIT : time;
        var plan = new CampaignPlan(seed != null ? seed : new SplittableRandom().nextLong(), tries == null ? 0 : tries, budget,
                pageSizes, jobs != null ? jobs : Runtime.getRuntime().availableProcessors(), shard != null ? shard : Shard.ALL, chain);
        stress = noStress ? Verdict.SKIPPED : Verdict.NOT_RUN;
        modelCheck = noModelCheck ? Verdict.SKIPPED : Verdict.NOT_RUN;
        var modelCheckOutput = new java.io.ByteArrayOutputStream();
        // SIGINT/SIGTERM mid-run: every process started ended, the summary so far marked interrupted; exit 130/143.
        try (var interruption = Interruption.during(this::interrupted)) {
            stdout.println("== 1/3 differential property suite against "
                    + (impl.equals(DeviceClass.REFERENCE) ? "the reference implementation" : impl));
            stdout.flush();
            differential = Verdict.INTERRUPTED;
            campaign = new DifferentialCampaign(devices, CampaignCommand::signature, results.resolve("differential"), stdout, clock)
                    .actionTimeout(actionTimeout);
            differential = Verdict.of(campaign.run(plan));
            interruption.awaitHaltIfInterrupted();

            if (!noStress) {
                stdout.println();
                stdout.println("== 2/3 jcstress (" + stressMode + ")");
                stdout.flush();
                stress = Verdict.INTERRUPTED;
                int status = stress(results.resolve("stress"));
                interruption.awaitHaltIfInterrupted();
                stress = Verdict.of(status == 0);
            }

            if (!noModelCheck) {
                stdout.println();
                stdout.println("== 3/3 model checking, scope " + modelCheckScope);
                stdout.flush();
                modelCheck = Verdict.INTERRUPTED;
                modelCheck = Verdict.of(ModelCheckMain.run(HtmlReport.tee(stdout, modelCheckOutput), System.err, "--scope", modelCheckScope) == 0);
                interruption.awaitHaltIfInterrupted();
            }

            stdout.println();
            stdout.println("campaign report: " + HtmlReport.write(results, root, new HtmlReport.Parts(
                    impl, differential, stress, modelCheck, modelCheckOutput.toString())));
            stdout.println(summary(differential, stress, modelCheck, results));
            return differential.ok() && stress.ok() && modelCheck.ok() ? 0 : 1;
        }
    }

    /**
     * A distinct failure of the differential part: the rule that decided the failing step (as replay
     * names it), the operation's kind, and how the implementation disagreed.
     */
    static String signature(FailingStep step) {
        return Attributions.of(step.rules(), step.expected()).decider() + " / " + step.kind() + " / " + step.mismatch().word();
    }

    static String summary(Verdict differential, Verdict stress, Verdict modelCheck, Path results) {
        return summary("campaign summary: ", differential, stress, modelCheck, results);
    }

    private static String summary(String head, Verdict differential, Verdict stress, Verdict modelCheck, Path results) {
        return head + "differential " + differential + ", stress " + stress + ", model checking " + modelCheck
                + "; results in " + results;
    }

    /**
     * A signal (Ctrl-C, SIGTERM) stopped the campaign mid-run: fixes where it was and stops the differential
     * part; the summary it returns, marked interrupted, is printed once the processes the campaign started
     * (the stress JVM and jcstress' forks) are ended. Failures already found are on disk: each is written
     * when it is found.
     */
    private Runnable interrupted() {
        // Read where the run was before ending the children: their exit would move it on.
        var d = differential;
        var s = stress;
        var m = modelCheck;
        var c = campaign;
        if (c != null) {
            c.stop();
        }
        return () -> {
            stdout.println();
            stdout.println(c == null ? "" : "differential part so far: " + c.chains() + " chains, " + c.actions()
                    + " actions checked, " + c.distinctFailures() + " distinct failure(s) written");
            stdout.println(summary("campaign summary (interrupted): ", d, s, m, results));
            stdout.flush();
        };
    }

    /** jcstress in a child JVM on the shaded jar, as {@code ./ashmem stress} runs it; its exit status. */
    private int stress(Path results) throws IOException, InterruptedException {
        var found = StressJar.locate(root);
        if (found.isEmpty()) {
            stdout.println("campaign: " + root.resolve("stress/target/jcstress.jar") + " is missing (mvn install builds it)");
            return 1;
        }
        Path jar = found.get();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(java, "-cp", jar.toString(), "dev.ashmem.stress.StressMain",
                "--mode", stressMode, "--results", results.toString()).inheritIO().start();
        return process.waitFor();
    }

    /** {@code value} as a long, or picocli's one-line error. */
    static long wholeNumber(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a number");
        }
    }

    /** A whole number above zero. */
    static final class PositiveLong implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long n = wholeNumber(value);
            if (n <= 0) {
                throw new CommandLine.TypeConversionException("must be at least 1, not " + value);
            }
            return n;
        }
    }

    /** A whole number above zero that fits an int. */
    static final class PositiveInt implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long n = new PositiveLong().convert(value);
            if (n > 4096) {
                throw new CommandLine.TypeConversionException("at most 4096, not " + value);
            }
            return (int) n;
        }
    }

    /** A whole number, zero or more. */
    static final class PositiveOrZeroLong implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long n = wholeNumber(value);
            if (n < 0) {
                throw new CommandLine.TypeConversionException("must be 0 or more, not " + value);
            }
            return n;
        }
    }

    /** {@code I/N}, 1 <= I <= N. */
    static final class ShardSpec implements CommandLine.ITypeConverter<Shard> {
        @Override
        public Shard convert(String value) {
            try {
                return Shard.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Any long, decimal or 0x hex (seeds are printed in decimal). */
    static final class Seed implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Long.decode(value);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a number");
            }
        }
    }

    /** A named scope of the model checker. */
    static final class ScopeName implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                Scopes.named(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
            return value;
        }
    }
}
