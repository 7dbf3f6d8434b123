package dev.ashmem.cli;

import dev.ashmem.check.cli.ModelCheckMain;
import dev.ashmem.oracle.OracleMain;
import dev.ashmem.stress.StressMain;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The runnable jar's entry point ({@code java -jar ashmem.jar COMMAND ...}): one top-level command whose
 * subcommands are the project's tools. Each subcommand hands its arguments, unparsed, to the tool's own
 * command line, so {@code --help}, options and exit statuses are exactly those of {@code ./ashmem COMMAND}.
 */
@Command(name = "ashmem", mixinStandardHelpOptions = true, version = "ashmem-spec 0.1.0",
        description = {"An executable specification of Android's ashmem driver: check an implementation against it.",
                "Each command's --help has the details."},
        footer = {"", "Native code (the reference implementation) needs no flag here: the jar's manifest enables native access.",
                "--impl CLASS (campaign, model-check --refine, serve) loads a public AshmemDevice class with a public (int pageSize) constructor from --classpath."})
public final class AshmemMain implements Callable<Integer> {

    /** One subcommand: a name, a line of help, and the tool it runs. */
    private record Tool(String name, String description, Entry entry) {}

    @FunctionalInterface
    private interface Entry {
        int run(List<String> args, PrintStream out, PrintStream err) throws IOException;
    }

    private static final List<Tool> TOOLS = List.of(
            new Tool("campaign", "the verification campaign: differential suite, jcstress, model checking",
                    (args, out, err) -> CampaignCommand.run(out, err, root(), args.toArray(String[]::new))),
            new Tool("replay", "replay traces on the model; report the first divergence", oracle("replay")),
            new Tool("expect", "write a trace with the model's results", oracle("expect")),
            new Tool("generate", "emit conformance traces with expected results", oracle("generate")),
            new Tool("drive", "drive an outside implementation (line protocol); shrink any divergence", oracle("drive")),
            new Tool("serve", "speak the line protocol backed by the model or the reference implementation", oracle("serve")),
            new Tool("model-check", "explicit-state model checking of a bounded scope",
                    (args, out, err) -> ModelCheckMain.run(out, err, args.toArray(String[]::new))),
            new Tool("speedup", "the model checker's speed-up of N workers over one, in fresh JVMs alternated",
                    (args, out, err) -> dev.ashmem.check.cli.SpeedupMain.run(out, err, args.toArray(String[]::new))),
            new Tool("stress", "jcstress campaigns of the reference implementation under the global mutex", AshmemMain::stress));

    private AshmemMain() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs a command line; returns the exit status. */
    static int run(PrintStream out, PrintStream err, String... args) {
        var cl = new CommandLine(new AshmemMain());
        for (var tool : TOOLS) {
            var sub = new CommandLine(new PassThrough(tool, out, err));
            sub.getCommandSpec().name(tool.name()).usageMessage().description(tool.description());
            // Everything after the command's name, "--" and --help included, is the tool's to read.
            sub.setUnmatchedOptionsArePositionalParams(true);
            sub.setEndOfOptionsDelimiter("\0");
            cl.addSubcommand(tool.name(), sub);
        }
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    /** Where results go by default: the checkout when run from one (-Dashmem.root), else the working directory. */
    private static Path root() {
        return Path.of(System.getProperty(CampaignCommand.ROOT_PROPERTY, "."));
    }

    private static Entry oracle(String name) {
        return (args, out, err) -> {
            var all = new ArrayList<String>();
            all.add(name);
            all.addAll(args);
            return OracleMain.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        };
    }

    /** jcstress runs {@code java -jar} on its own jar: point the stress tool at it unless --jar names one. */
    private static int stress(List<String> args, PrintStream out, PrintStream err) throws IOException {
        var all = new ArrayList<>(args);
        if (!args.contains("--jar") && args.stream().noneMatch(a -> a.startsWith("--jar="))) {
            var jar = StressJar.locate(root());
            if (jar.isPresent()) {
                all.addAll(0, List.of("--jar", jar.get().toString()));
            }
        }
        return StressMain.run(all.toArray(String[]::new));
    }

    /** A subcommand that passes its arguments on untouched. */
    @Command
    static final class PassThrough implements Callable<Integer> {
        private final Tool tool;
        private final PrintStream out;
        private final PrintStream err;

        @Parameters(arity = "0..*", paramLabel = "ARGS", description = "the command's own arguments (COMMAND --help lists them)")
        List<String> args = new ArrayList<>();

        PassThrough(Tool tool, PrintStream out, PrintStream err) {
            this.tool = tool;
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            try {
                return tool.entry().run(args, out, err);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
