package dev.ashmem.oracle.cli;

import dev.ashmem.trace.Profile;
import dev.ashmem.oracle.replay.Replayer;
import dev.ashmem.oracle.replay.Reports;
import dev.ashmem.trace.TraceParser;
import dev.ashmem.trace.TraceSyntaxException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replays traces on the model and reports the first divergence of each: the line, expected and "
                + "observed results, the rule that decides it, the model state, and which other profile the behaviour matches.",
                "Exit code 0 when every recorded result matches, 1 otherwise."})
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--profile", converter = ProfileConverter.class, paramLabel = "PROFILE",
            completionCandidates = ProfileCandidates.class,
            description = "one of ${COMPLETION-CANDIDATES} (rust: the newest Rust revision); the behaviour to expect (default: the trace's profile line, else mainline)")
    Profile profile;

    @Option(names = {"-q", "--quiet"}, description = "print only divergences and problems")
    boolean quiet;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = {"trace files (- for standard input); a file may hold several traces.",
            "Directories, and files not named *.trace that do not parse as traces (a README), are skipped with a note."})
    List<String> files;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        int traces = 0;
        int failed = 0;
        long checked = 0;
        int skipped = 0;
        for (String file : files) {
            // A glob such as spec/corpus/* also names directories and READMEs: those are passed over with a note.
            if (!file.equals("-") && java.nio.file.Files.isDirectory(java.nio.file.Path.of(file))) {
                err.println("ashmem replay: skipping " + file + ": a directory (name its traces: " + file + "/*.trace)");
                skipped++;
                continue;
            }
            List<dev.ashmem.trace.Trace> parsed;
            try {
                parsed = TraceParser.parseAll(Inputs.name(file), Inputs.read(file, System.in));
            } catch (TraceSyntaxException e) {
                if (!file.equals("-") && !file.endsWith(".trace")) {
                    err.println("ashmem replay: skipping " + file + ": not a trace (" + e.getMessage() + ")");
                    skipped++;
                } else {
                    err.println("ashmem replay: " + e.getMessage());
                    failed++;
                }
                continue;
            } catch (IllegalArgumentException e) {
                err.println("ashmem replay: " + e.getMessage());
                failed++;
                continue;
            }
            for (var t : parsed) {
                traces++;
                var r = Replayer.replay(t, profile);
                checked += r.checked();
                if (!r.passed()) {
                    failed++;
                    out.print(Reports.render(r));
                } else if (!quiet) {
                    out.print(Reports.render(r));
                }
            }
        }
        if (traces == 0 && failed == 0) {
            err.println("ashmem replay: no traces among the files given");
            return 2;
        }
        if (failed == 0 && checked == 0) {
            // A trace without results matches anything: passing it would check nothing.
            err.println("ashmem replay: no result to check: no line of the " + traces + " trace(s) has '-> result' (./ashmem expect writes them)");
            return 2;
        }
        if (!quiet || failed > 0) {
            out.println(traces + " trace(s): " + (traces - Math.min(failed, traces)) + " matched, " + failed + " did not"
                    + (skipped == 0 ? "" : "; " + skipped + " file(s) skipped"));
        }
        out.flush();
        return failed == 0 ? 0 : 1;
    }
}
