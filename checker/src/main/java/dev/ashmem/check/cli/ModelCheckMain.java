package dev.ashmem.check.cli;

import dev.ashmem.check.explore.CheckResult;
import dev.ashmem.check.explore.Explorer;
import dev.ashmem.check.kernel.Kernel;
import dev.ashmem.check.scope.Initial;
import dev.ashmem.check.scope.Letter;
import dev.ashmem.check.scope.Scope;
import dev.ashmem.check.scope.Scopes;
import dev.ashmem.check.scope.Sizes;
import dev.ashmem.check.trace.TracePrinter;
import dev.ashmem.check.validate.Refinement;
import dev.ashmem.check.validate.Validator;
import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.DeviceClass;
import dev.ashmem.properties.ProgressLine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./ashmem model-check}: explores a scope exhaustively; exit 0 = every invariant holds, 1 = violation or divergence, 2 = usage, 3 = out of memory or disk. */
@Command(name = "model-check", mixinStandardHelpOptions = true, sortOptions = false, version = "ashmem model-check 0.1.0",
        description = {"Explicit-state model checking of the ashmem model: breadth-first over every state of a bounded scope,",
                "every invariant of the spec checked in each, a shortest counterexample on a violation."})
public final class ModelCheckMain implements Callable<Integer> {

    @Option(names = "--scope", paramLabel = "NAME", defaultValue = "small",
            description = "named scope: small, 1x8, 2x4, content-1x6, 2x5, conc, conc-1x3, surface, surface-2x1 (default ${DEFAULT-VALUE}); see --list-scopes")
    String scopeName;

    @Option(names = "--areas", paramLabel = "N", converter = AtLeastOne.class, description = "area slots (1..4)")
    Integer areas;

    @Option(names = "--pages", paramLabel = "N", converter = AtLeastZero.class, description = "pages per area set up before exploring (size = N*P)")
    Integer pages;

    @Option(names = "--page-size", paramLabel = "P", description = "4096, 16384 or 65536")
    Integer pageSize;

    @Option(names = "--sizes", paramLabel = "LIST", description = "SET_SIZE values (letter size), e.g. 0,1,2P,2P+1,2^63")
    String sizes;

    @Option(names = "--alphabet", paramLabel = "LIST",
            description = "operation letters, replacing the scope's: pin,unpin,status,zero,misaligned,overflow,efault,scan,nofs,purge,mmap,munmap,mprotect,write,close,prot,rie,size or all")
    String alphabet;

    @Option(names = "--initial", paramLabel = "KIND", converter = InitialKind.class, description = "fresh, sized, file or mapped")
    Initial initial;

    @Option(names = "--scan-max", paramLabel = "K", converter = AtLeastOne.class, description = "scans with nrToScan 1..K and 0")
    Integer scanMax;

    @Option(names = "--max-empty", paramLabel = "N", converter = AtLeastZero.class, description = "bound on stacked empty ranges per area")
    Integer maxEmpty;

    @Option(names = "--max-mappings", paramLabel = "N", converter = AtLeastZero.class, description = "bound on live mappings")
    Integer maxMappings;

    @Option(names = "--max-depth", paramLabel = "N", converter = AtLeastZero.class, description = "expand paths of at most N steps (0 = unbounded)")
    Integer maxDepth;

    @Option(names = "--symmetry", negatable = true, description = "canonicalise interchangeable areas")
    Boolean symmetry;

    @Option(names = "--concurrency", negatable = true, description = "interleave callers with the shrinker's mark/punch/release steps")
    Boolean concurrency;

    @Option(names = "--no-wait", description = "concurrency without the in-flight wait (PINARG-WAIT off): the race it prevents")
    boolean noWait;

    @Option(names = "--callers", paramLabel = "N", converter = AtLeastOne.class, description = "caller threads (concurrency)")
    Integer callers;

    @Option(names = "--shrinkers", paramLabel = "N", converter = AtLeastOne.class, description = "shrinker threads (concurrency)")
    Integer shrinkers;

    @Option(names = "--validate", description = "first prove the kernel equals the model on every transition of the scope (no symmetry)")
    boolean validate;

    @Option(names = "--validate-max", paramLabel = "N", defaultValue = "2000000", converter = AtLeastOne.class,
            description = "stop validation after N states (default ${DEFAULT-VALUE})")
    int validateMax;

    @Option(names = "--refine", paramLabel = "DEPTH", converter = AtLeastOne.class, description = "refinement: every transition up to DEPTH steps, implementation against the model")
    Integer refine;

    @Option(names = "--impl", paramLabel = "CLASS", defaultValue = Refinement.DEFAULT_IMPL,
            description = {"with --refine: the implementation, 'model' (a second model, a self-check) or " + DeviceClass.REQUIREMENT
                    + " (default ${DEFAULT-VALUE})"})
    String impl;

    @Option(names = "--classpath", paramLabel = "PATH", description = DeviceClass.CLASSPATH_HELP)
    String classpath;

    @Option(names = "--workers", paramLabel = "N", converter = AtLeastOne.class, description = "exploring threads (default: every core, here ${DEFAULT-VALUE}); the results do not depend on it")
    int workers = Runtime.getRuntime().availableProcessors();
    /** More exploring threads than this only cost memory (a huge count ran out of heap with a misleading message). */
    static final int MAX_WORKERS = 1024;

    @Option(names = "--memory", paramLabel = "SIZE", converter = Size.class,
            description = {"heap the state store may take (e.g. 256m, 2g; default: 85%% of the JVM's -Xmx); a scope that would outgrow it goes on on disk (same results, slower)"})
    Long memory;

    @Option(names = "--spill-dir", paramLabel = "DIR", description = "where a run that outgrows --memory keeps its files (default: java.io.tmpdir); they are deleted when it ends")
    Path spillDir;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1", converter = AtLeastOne.class,
            description = "explore N times in this JVM and report each run: the runs after the first show the speed with the JIT's work done (for measurements)")
    int repeat;

    @Option(names = "--ceiling", paramLabel = "N", converter = AtLeastTwo.class,
            description = {"after a complete run in memory that passed: expand its states again with lookups only, on 1 thread and on N at once,",
                    "alternated; the speed-up this machine gives that work with nothing to coordinate (a control for --workers N)"})
    Integer ceiling;

    @Option(names = "--ceiling-passes", paramLabel = "K", defaultValue = "3", converter = AtLeastOne.class,
            description = "with --ceiling: pairs of passes (1 thread, N threads) to time (default ${DEFAULT-VALUE})")
    int ceilingPasses;

    @Option(names = "--no-explore", description = "only run --validate / --refine")
    boolean noExplore;

    @Option(names = "--quiet", description = "no progress lines on stderr")
    boolean quiet;

    @Option(names = "--list-scopes", description = "print the named scopes and exit")
    boolean listScopes;

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;

    public ModelCheckMain() {
        this(System.out, System.err);
    }

    ModelCheckMain(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the command; returns the exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        var cl = new CommandLine(new ModelCheckMain(out, err));
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        // One line, then the usage, for every bad command line (picocli leaves the usage out when it has suggestions).
        cl.setParameterExceptionHandler((ex, args1) -> {
            var c = ex.getCommandLine();
            c.getErr().println(ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr());
            c.usage(c.getErr());
            return c.getCommandSpec().exitCodeOnInvalidInput();
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            // What the options ask for, found impossible once running (e.g. --refine of a concurrent scope).
            if (ex instanceof IllegalArgumentException) {
                err.println("model-check: " + ex.getMessage());
                c.usage(err);
                return 2;
            }
            if (ex instanceof java.io.UncheckedIOException io) {
                // A spill directory that cannot be written, a full disk.
                err.println("model-check: " + io.getMessage() + ": " + io.getCause());
                return 3;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    Scope scope() {
        var b = Scopes.named(scopeName).toBuilder();
        if (areas != null) {
            b.areas = areas;
        }
        if (pages != null) {
            b.pages = pages;
        }
        if (pageSize != null) {
            b.pageSize = pageSize;
        }
        if (sizes != null) {
            b.sizes = Sizes.parse(sizes, b.pageSize);
        } else if (pageSize != null) {
            b.sizes = Scopes.sizes(scopeName, b.pageSize);
        }
        if (alphabet != null) {
            b.alphabet = Letter.parse(alphabet);
        }
        if (initial != null) {
            b.initial = initial;
        }
        if (scanMax != null) {
            b.scanMax = scanMax;
        }
        if (maxEmpty != null) {
            b.maxEmpty = maxEmpty;
        }
        if (maxMappings != null) {
            b.maxMappings = maxMappings;
        }
        if (maxDepth != null) {
            b.maxDepth = maxDepth;
        }
        if (symmetry != null) {
            b.symmetry = symmetry;
        }
        if (concurrency != null) {
            b.concurrency = concurrency;
        }
        if (noWait) {
            b.inflightWait = false;
        }
        if (callers != null) {
            b.callers = callers;
        }
        if (shrinkers != null) {
            b.shrinkers = shrinkers;
        }
        if ((callers != null || shrinkers != null) && !b.concurrency) {
            throw new IllegalArgumentException("--callers and --shrinkers apply with --concurrency only");
        }
        // Defaults for a scope that maps; a --max-mappings given (0 included) is the bound as given.
        if (maxMappings == null && b.alphabet.contains(Letter.WRITE) && b.maxMappings == 0) {
            b.maxMappings = Math.max(1, b.areas);
        }
        if (maxMappings == null && (b.alphabet.contains(Letter.MMAP)) && b.maxMappings == 0) {
            b.maxMappings = 2;
        }
        return b.build();
    }

    @Override
    public Integer call() {
        if (listScopes) {
            for (var s : Scopes.all().values()) {
                out.println(s.describe());
            }
            return 0;
        }
        // Every option is checked before anything runs: a bad one is a usage error (exit 2), not a run.
        Scope scope;
        try {
            scope = scope();
            dev.ashmem.check.explore.Explorer.check(scope);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (workers > MAX_WORKERS) {
            throw new ParameterException(spec.commandLine(), "--workers " + workers + ": at most " + MAX_WORKERS);
        }
        if (noExplore && !validate && refine == null) {
            throw new ParameterException(spec.commandLine(), "--no-explore needs --validate or --refine: alone it checks nothing");
        }
        var parsed = spec.commandLine().getParseResult();
        if (refine == null && (parsed.hasMatchedOption("--impl") || parsed.hasMatchedOption("--classpath"))) {
            throw new ParameterException(spec.commandLine(), "--impl and --classpath apply to --refine only");
        }
        Supplier<AshmemDevice> implementation = null;
        if (refine != null) {
            if (scope.concurrency()) {
                throw new ParameterException(spec.commandLine(), "--refine runs sequential scopes only (drop --concurrency)");
            }
            try {
                implementation = Refinement.supplier(impl, classpath, scope.pageSize());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage().startsWith("--") ? e.getMessage() : "--impl: " + e.getMessage());
            }
        }
        // Report lines are trace comments, so the whole output of a failing run replays as it is.
        out.println("# scope " + scope.describe());
        var progress = quiet ? null : ProgressLine.to(err);
        try {
            return run(scope, implementation, progress);
        } catch (OutOfMemoryError e) {
            finish(progress);
            err.println("model-check: the scope's states do not fit the heap (" + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MB); give the JVM more (-Xmx) or shrink the scope (the progress lines show how far it got)");
            return 3;
        }
    }

    /** Validation, refinement and exploration as asked; the exit code. */
    private int run(Scope scope, Supplier<AshmemDevice> implementation, ProgressLine progress) {
        int code = 0;
        if (validate) {
            var v = Validator.run(scope, new Kernel(scope), validateMax, progress);
            finish(progress);
            out.println("# validate: " + v.summary());
            if (v.divergence().isPresent()) {
                v.divergence().get().print(out);
                return 1;
            }
        }
        if (refine != null) {
            var r = Refinement.run(scope, refine, implementation, progress);
            finish(progress);
            out.println("# refine: " + r.summary());
            if (r.divergence().isPresent()) {
                r.divergence().get().print(out);
                return 1;
            }
        }
        if (noExplore) {
            return code;
        }
        CheckResult result;
        Explorer explorer;
        {
            long budget = memory != null ? memory : (long) (Runtime.getRuntime().maxMemory() * 0.85);
            Path dir = spillDir != null ? spillDir : Path.of(System.getProperty("java.io.tmpdir"));
            for (int run = 1; run < repeat; run++) { // the same exploration: only the time can differ
                var earlier = new Explorer(new Kernel(scope), null, workers).memory(budget, dir).run();
                out.println("# stats (run " + run + " of " + repeat + "): " + earlier.summary());
            }
            explorer = new Explorer(new Kernel(scope), progress, workers).memory(budget, dir);
            result = explorer.run();
            finish(progress);
        }
        out.println("# result: " + (result.passed() ? "PASS, every invariant holds in every state" : "VIOLATION"));
        out.println("# stats: " + result.summary());
        result.counterexample().ifPresent(c -> TracePrinter.printCounterexample(c, out));
        if (!result.passed()) {
            return 1;
        }
        if (ceiling != null) {
            if (!result.stats().complete() || explorer.spilled()) {
                err.println("model-check: --ceiling not measured: it needs a complete run in memory that passed");
                return 2;
            }
            var passes = explorer.ceiling(ceiling, ceilingPasses);
            for (int i = 0; i < passes.size(); i++) {
                out.println("# ceiling (pass " + (i + 1) + " of " + passes.size() + "): " + passes.get(i).summary());
            }
        }
        return code;
    }

    /** Ends a live progress line, so the report starts on a line of its own. */
    private static void finish(ProgressLine progress) {
        if (progress != null) {
            progress.finish();
        }
    }

    /** A whole number, at least {@code min}. */
    private static int atLeast(int min, String value) {
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number");
        }
        if (n < min) {
            throw new CommandLine.TypeConversionException("must be at least " + min + ", not " + value);
        }
        return n;
    }

    /** A size in bytes: digits with an optional k, m or g (powers of 1024). */
    static final class Size implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            var m = java.util.regex.Pattern.compile("(\\d{1,12})([kmgKMG]?)").matcher(value);
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a size (digits with k, m or g)");
            }
            int shift = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                default -> 0;
            };
            long n = Long.parseLong(m.group(1));
            if (n > (Long.MAX_VALUE >> shift) || (n << shift) < (1 << 20)) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a usable size (1m at least)");
            }
            return n << shift;
        }
    }

    /** A count of one or more. */
    static final class AtLeastOne implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return atLeast(1, value);
        }
    }

    /** A count of threads compared with one: 2 to {@link #MAX_WORKERS}. */
    static final class AtLeastTwo implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n = atLeast(2, value);
            if (n > MAX_WORKERS) {
                throw new CommandLine.TypeConversionException("at most " + MAX_WORKERS + ", not " + value);
            }
            return n;
        }
    }

    /** A bound of zero or more. */
    static final class AtLeastZero implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return atLeast(0, value);
        }
    }

    /** An initial state kind, by its name in any case. */
    static final class InitialKind implements CommandLine.ITypeConverter<Initial> {
        @Override
        public Initial convert(String value) {
            try {
                return Initial.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("unknown kind '" + value + "'; known: "
                        + Arrays.stream(Initial.values()).map(i -> i.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
            }
        }
    }
}
