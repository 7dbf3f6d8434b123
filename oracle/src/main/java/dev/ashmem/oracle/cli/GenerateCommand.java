package dev.ashmem.oracle.cli;

import dev.ashmem.model.Platform;
import dev.ashmem.oracle.gen.ConformanceGenerator;
import dev.ashmem.oracle.gen.Coverage;
import dev.ashmem.trace.Profile;
import dev.ashmem.trace.NameMode;
import dev.ashmem.trace.TracePrinter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Emits conformance traces with expected results, steered so every rule in scope is exercised, "
                + "and prints a rule-coverage table to standard error.",
                "Exit code 0 when every rule in scope was covered, 1 otherwise."})
public final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", required = true, description = "seed of the generation")
    long seed;

    @Option(names = "--count", required = true, description = "number of traces")
    int count;

    @Option(names = "--length", defaultValue = "40", description = "steps per trace, the region set-up included (default ${DEFAULT-VALUE})")
    int length;

    @Option(names = "--scope", split = ",", paramLabel = "RULES",
            description = "rule IDs or prefixes to aim at, e.g. PIN,UNPIN,SHRINK-NR (default: all)")
    List<String> scope = List.of();

    @Option(names = "--page-size", defaultValue = "4096", description = "4096, 16384 or 65536")
    int pageSize;

    @Option(names = "--profile", converter = ProfileConverter.class, defaultValue = "mainline", paramLabel = "PROFILE",
            completionCandidates = ProfileCandidates.class,
            description = "one of ${COMPLETION-CANDIDATES} (rust: the newest Rust revision); whose results to write (default ${DEFAULT-VALUE})")
    Profile profile;

    @Option(names = "--names", defaultValue = "mapped", paramLabel = "mapped|exact",
            description = "name mode of the traces (exact also checks HANDLE-NUM and MMAP-ID; default ${DEFAULT-VALUE})")
    String names;

    @Option(names = "--platform", converter = PlatformConverter.class, defaultValue = "x86-64", paramLabel = "PLATFORM",
            description = "the generic layer the results are for, " + PlatformConverter.HELP + " (default ${DEFAULT-VALUE})")
    Platform platform;

    @Option(names = "--out", paramLabel = "DIR", description = "write one file per trace here instead of standard output")
    Path out;

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        if (count < 1 || length < 0) {
            throw new ParameterException(spec.commandLine(), "--count must be >= 1 and --length >= 0");
        }
        if (pageSize != 4096 && pageSize != 16384 && pageSize != 65536) {
            throw new ParameterException(spec.commandLine(), "--page-size must be 4096, 16384 or 65536");
        }
        NameMode mode = switch (names) {
            case "mapped" -> NameMode.MAPPED;
            case "exact" -> NameMode.EXACT;
            default -> throw new ParameterException(spec.commandLine(), "--names must be mapped or exact, not '" + names + "'");
        };
        List<String> rules;
        try {
            rules = Coverage.scope(scope);
        } catch (IllegalArgumentException e) {
            err.println("ashmem generate: " + e.getMessage());
            return 2;
        }
        if (out != null) {
            Files.createDirectories(out);
        }
        var stdout = spec.commandLine().getOut();
        boolean[] first = {true};
        Coverage coverage;
        try {
            // Each trace is written as soon as it is made, not held until the last one is.
            coverage = ConformanceGenerator.run(new ConformanceGenerator.Options(seed, count, length, rules, pageSize, profile, mode, platform),
                    t -> write(t, stdout, first));
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause(); // the file system's own exception: OracleMain says what is wrong with the path
        }
        stdout.flush();
        err.print(coverage.table());
        err.flush();
        return coverage.missing().isEmpty() ? 0 : 1;
    }

    /** One file per trace under --out; else on stdout in TracePrinter.printAll's layout (a blank line between traces). */
    private void write(dev.ashmem.trace.Trace t, java.io.PrintWriter stdout, boolean[] first) {
        if (out != null) {
            try {
                Files.writeString(out.resolve(t.source() + ".trace"), TracePrinter.print(t), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return;
        }
        if (!first[0]) {
            stdout.print('\n');
        }
        first[0] = false;
        stdout.print(TracePrinter.print(t));
    }
}
