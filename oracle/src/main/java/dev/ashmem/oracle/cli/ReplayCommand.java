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

    @Option(names = "--profile", converter = ProfileConverter.class, paramLabel = "mainline|rust|memfd",
            description = "the behaviour to expect (default: the trace's profile line, else mainline)")
    Profile profile;

    @Option(names = {"-q", "--quiet"}, description = "print only divergences and problems")
    boolean quiet;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "trace files (- for standard input); a file may hold several traces")
    List<String> files;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        int traces = 0;
        int failed = 0;
        for (String file : files) {
            List<dev.ashmem.trace.Trace> parsed;
            try {
                parsed = TraceParser.parseAll(Inputs.name(file), Inputs.read(file, System.in));
            } catch (TraceSyntaxException | IllegalArgumentException e) {
                err.println("ashmem replay: " + e.getMessage());
                failed++;
                continue;
            }
            for (var t : parsed) {
                traces++;
                var r = Replayer.replay(t, profile);
                if (!r.passed()) {
                    failed++;
                    out.print(Reports.render(r));
                } else if (!quiet) {
                    out.print(Reports.render(r));
                }
            }
        }
        if (!quiet || failed > 0) {
            out.println(traces + " trace(s): " + (traces - Math.min(failed, traces)) + " matched, " + failed + " did not");
        }
        out.flush();
        return failed == 0 ? 0 : 1;
    }
}
