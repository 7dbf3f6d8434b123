package dev.ashmem.stress;

import dev.ashmem.stress.scenario.OutcomeTraces;
import dev.ashmem.stress.scenario.Scenarios;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import dev.ashmem.stress.scenario.Scenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./ashmem stress [options]}: runs a jcstress campaign against the reference implementation
 * (or a broken variant), prints per-test samples and samples per second, the FORBIDDEN outcomes seen,
 * and where jcstress' HTML report is. Run it from the shaded jar:
 * {@code java -cp stress/target/jcstress.jar dev.ashmem.stress.StressMain --mode quick}.
 */
@Command(name = "stress", mixinStandardHelpOptions = true, sortOptions = false, version = "ashmem-spec 0.1.0",
        description = "jcstress campaigns of the reference implementation (or a broken variant) under the global mutex.",
        footer = {"Exit status: 0 when every test passed (or, with --expect-forbidden, when a FORBIDDEN outcome was seen),",
                "1 otherwise, 2 for bad options."})
public final class StressMain implements Callable<Integer> {

    @Option(names = "--mode", paramLabel = "M", defaultValue = "default", converter = Mode.class,
            description = {"smoke (the build's short run: one 1 s iteration per test in one JVM configuration),",
                    "or jcstress' presets sanity, quick, default, tough, stress (default ${DEFAULT-VALUE})"})
    String mode;

    @Option(names = "--time", paramLabel = "MS", converter = Positive.class, description = "time per iteration, overriding the mode's")
    Integer time;

    @Option(names = "--iters", paramLabel = "N", converter = Positive.class, description = "iterations per fork")
    Integer iters;

    @Option(names = "--forks", paramLabel = "N", converter = Positive.class, description = "forks per JVM configuration")
    Integer forks;

    @Option(names = "--split", paramLabel = "true|false", arity = "1",
            description = "split per-actor compilation (jcstress -sc; off in smoke mode)")
    Boolean split;

    @Option(names = "--stride-size", paramLabel = "N", converter = Positive.class,
            description = "states per actor between synchronisations (default " + CampaignOptions.STRIDE_SIZE + ")")
    int strideSize = CampaignOptions.STRIDE_SIZE;

    @Option(names = "--stride-count", paramLabel = "N", converter = Positive.class,
            description = "strides per epoch (default " + CampaignOptions.STRIDE_COUNT + "; size x count states are alive at once)")
    int strideCount = CampaignOptions.STRIDE_COUNT;

    @Option(names = "--tests", paramLabel = "REGEX", converter = TestsRegex.class,
            description = "tests to run (default: all of dev.ashmem.stress.tests), e.g. Pin_")
    String tests = CampaignOptions.ALL_TESTS;

    @Option(names = "--variant", paramLabel = "V", converter = VariantName.class,
            description = "none (the reference implementation), no-inflight-wait, checks-before-lock")
    Variant variant = Variant.NONE;

    @Option(names = "--expect-forbidden", description = "exit 0 only if some test showed a FORBIDDEN outcome (for the broken variants)")
    boolean expectForbidden;

    @Option(names = "--traces", description = {"run nothing: print, for each test --tests selects, every outcome its file names",
            "with one serial order of the model behind it, as traces ./ashmem replay runs"})
    boolean traces;

    @Option(names = "--results", paramLabel = "DIR", description = "where the run's directory goes (default: next to the jar, jcstress-runs/)")
    Path results;

    @Option(names = "--jar", paramLabel = "PATH", description = "the shaded jcstress jar (default: the jar this class was loaded from)")
    Path jar;

    @Parameters(paramLabel = "JCSTRESS-OPTION", description = "after --: further jcstress options, passed as they are")
    List<String> jcstressArgs = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private static final String TESTS_PACKAGE = "dev.ashmem.stress.tests.";

    private final PrintStream out;

    private StressMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(execute(new StressMain(System.out), System.out, System.err, args));
    }

    /**
     * The summary of a run stopped by a signal (Ctrl-C, SIGTERM), once jcstress and its JVMs are ended:
     * marked interrupted, no verdict, what jcstress had found so far and where its output is.
     */
    private void interrupted(Campaign campaign) {
        out.println();
        out.println("ashmem stress summary (interrupted): no verdict; " + campaign.soFar()
                + (campaign.dir() == null ? "" : "; jcstress' output so far is in " + campaign.dir().resolve("console.log")));
        out.flush();
    }

    /** The exit status: 0 passed (or FORBIDDEN seen, with --expect-forbidden), 1 not, 2 bad options. */
    public static int run(String... args) {
        return run(System.out, System.err, args);
    }

    static int run(PrintStream out, PrintStream err, String... args) {
        return execute(new StressMain(out), out, err, args);
    }

    private static int execute(StressMain command, PrintStream out, PrintStream err, String... args) {
        var cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /** The options a command line amounts to; IllegalArgumentException with picocli's message for bad ones. */
    public static CampaignOptions parse(String... args) {
        var command = new StressMain(System.out);
        try {
            new CommandLine(command).parseArgs(args);
            return command.options();
        } catch (ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** jcstress options this command passes itself, and how to set them here instead. */
    private static final java.util.Map<String, String> OWN_JCSTRESS_OPTIONS = java.util.Map.of(
            "-t", "use --tests", "-m", "use --mode", "-r", "use --results", "-time", "use --time", "-iters", "use --iters",
            "-f", "use --forks", "-sc", "use --split", "-strideSize", "use --stride-size", "-strideCount", "use --stride-count",
            "-jvmArgsPrepend", "it carries the variant under test");

    private CampaignOptions options() {
        if (!jcstressArgs.isEmpty()) {
            // Only what follows "--" goes to jcstress; a stray word before it is a mistake.
            List<String> original = spec.commandLine().getParseResult().originalArgs();
            int dashes = original.indexOf("--");
            if (dashes < 0 || original.size() - dashes - 1 != jcstressArgs.size()) {
                throw new ParameterException(spec.commandLine(),
                        "unexpected argument '" + jcstressArgs.getFirst() + "' (jcstress options go after --)");
            }
            for (String a : jcstressArgs) {
                String own = OWN_JCSTRESS_OPTIONS.get(a);
                if (own != null) {
                    throw new ParameterException(spec.commandLine(), "jcstress option " + a + " after --: this command sets it (" + own + ")");
                }
            }
        }
        if (jar != null && !java.nio.file.Files.isRegularFile(jar)) {
            throw new ParameterException(spec.commandLine(), "--jar: " + jar + " is not a file");
        }
        return new CampaignOptions(mode, Optional.ofNullable(time), Optional.ofNullable(iters), Optional.ofNullable(forks),
                Optional.ofNullable(split), strideSize, strideCount, tests, variant, Optional.ofNullable(results),
                Optional.ofNullable(jar), expectForbidden, jcstressArgs);
    }

    @Override
    public Integer call() {
        var options = options();
        if (traces) {
            return printTraces(options.tests());
        }
        var campaign = new Campaign(options, out);
        // SIGINT/SIGTERM mid-run: no new JVM, jcstress and its JVMs ended, the summary so far; exit 130/143.
        try (var interruption = Interruption.during(() -> {
            campaign.stop();
            return () -> interrupted(campaign);
        })) {
            CampaignReport report;
            try {
                report = campaign.run(); // the summary is printed as it is made
            } catch (InterruptedException e) {
                interruption.awaitHaltIfInterrupted();
                throw e;
            }
            // Every test --tests selected must have a verdict: one jcstress skipped or lost is not a pass.
            var missing = missing(options.tests(), report);
            if (!missing.isEmpty()) {
                spec.commandLine().getErr().println("stress: " + missing.size() + " selected test(s) have no result in jcstress' report: "
                        + String.join(", ", missing));
                return 1;
            }
            if (options.expectForbidden()) {
                boolean caught = !report.forbidden().isEmpty();
                out.println(caught
                        ? "expected FORBIDDEN outcomes: seen, the variant " + options.variant().id() + " is caught"
                        : "expected FORBIDDEN outcomes: none seen, the variant " + options.variant().id() + " was NOT caught");
                return caught ? 0 : 1;
            }
            return report.passed() ? 0 : 1;
        } catch (IOException e) {
            spec.commandLine().getErr().println("stress: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            spec.commandLine().getErr().println("stress: interrupted");
            return 1;
        }
    }

    /** The tests {@code tests} selects that have no line in the report. */
    static List<String> missing(String tests, CampaignReport report) {
        var pattern = Pattern.compile(tests);
        return Scenarios.ALL.stream().map(Scenario::name).filter(n -> pattern.matcher(TESTS_PACKAGE + n).find())
                .filter(n -> report.tests().stream().noneMatch(t -> t.name().equals(n) || t.name().endsWith("." + n))).toList();
    }

    /** {@code --traces}: each selected test's named outcomes, each with its trace or the words why it has none. */
    private int printTraces(String tests) {
        var pattern = Pattern.compile(tests);
        var selected = Scenarios.ALL.stream().filter(s -> pattern.matcher(TESTS_PACKAGE + s.name()).find()).toList();
        if (selected.isEmpty()) {
            spec.commandLine().getErr().println("stress: no test matches --tests " + tests);
            return 1;
        }
        for (var scenario : selected) {
            for (var outcome : OutcomeTraces.named(scenario)) {
                out.print(OutcomeTraces.of(scenario, outcome).orElseGet(() -> OutcomeTraces.unexplained(scenario, outcome)));
                out.println();
            }
        }
        return 0;
    }

    /** One of {@link CampaignOptions#MODES} (the campaign's --stress-mode too). */
    public static final class Mode implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!CampaignOptions.MODES.contains(value)) {
                throw new CommandLine.TypeConversionException("unknown mode '" + value + "'; known: " + String.join(", ", CampaignOptions.MODES));
            }
            return value;
        }
    }

    /**
     * A regular expression that selects at least one of the tests (as jcstress does: found anywhere in the
     * test's class name): a run of no test would check nothing.
     */
    static final class TestsRegex implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            java.util.regex.Pattern p;
            try {
                p = java.util.regex.Pattern.compile(value);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a regular expression: " + e.getDescription());
            }
            var names = Scenarios.ALL.stream().map(s -> TESTS_PACKAGE + s.name()).toList();
            if (names.stream().noneMatch(n -> p.matcher(n).find())) {
                throw new CommandLine.TypeConversionException("'" + value + "' matches none of the " + names.size()
                        + " tests, so the run would check nothing; they are " + TESTS_PACKAGE
                        + Scenarios.ALL.stream().map(Scenario::name).collect(java.util.stream.Collectors.joining(", ")));
            }
            return value;
        }
    }

    /** A variant by its id. */
    static final class VariantName implements CommandLine.ITypeConverter<Variant> {
        @Override
        public Variant convert(String value) {
            try {
                return Variant.of(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** A count or a time: a whole number above zero. */
    static final class Positive implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n;
            try {
                n = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a number");
            }
            if (n <= 0) {
                throw new CommandLine.TypeConversionException("must be at least 1, not " + value);
            }
            return n;
        }
    }
}
