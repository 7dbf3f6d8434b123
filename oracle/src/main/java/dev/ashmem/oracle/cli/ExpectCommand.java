package dev.ashmem.oracle.cli;

import dev.ashmem.trace.Profile;
import dev.ashmem.oracle.replay.Expecter;
import dev.ashmem.trace.TraceParser;
import dev.ashmem.trace.TracePrinter;
import dev.ashmem.trace.TraceSyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "expect", mixinStandardHelpOptions = true,
        description = "Reads a trace without results and writes it with the model's results: test vectors for any language.")
public final class ExpectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--profile", converter = ProfileConverter.class, paramLabel = "PROFILE",
            completionCandidates = ProfileCandidates.class,
            description = "one of ${COMPLETION-CANDIDATES} (rust: the newest Rust revision); whose results to write (default: the trace's profile line, else mainline)")
    Profile profile;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here instead of standard output")
    Path output;

    @Parameters(paramLabel = "FILE", arity = "0..1", defaultValue = "-", description = "the trace (default: standard input)")
    String file;

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        var out = new ArrayList<dev.ashmem.trace.Trace>();
        try {
            for (var t : TraceParser.parseAll(Inputs.name(file), Inputs.read(file, System.in))) {
                var p = profile != null ? profile : t.header().profile() != null ? t.header().profile() : Profile.MAINLINE;
                out.add(Expecter.expect(t, p));
            }
        } catch (TraceSyntaxException | IllegalArgumentException | IllegalStateException e) {
            err.println("ashmem expect: " + e.getMessage());
            return 1;
        }
        if (out.isEmpty() || out.stream().allMatch(t -> t.lines().isEmpty())) {
            err.println("ashmem expect: " + Inputs.name(file) + " holds no trace line to give results to");
            return 2;
        }
        String text = TracePrinter.printAll(out);
        if (output != null) {
            Files.writeString(output, text, StandardCharsets.UTF_8);
        } else {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
