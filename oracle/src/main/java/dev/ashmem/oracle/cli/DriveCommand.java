package dev.ashmem.oracle.cli;

import dev.ashmem.generator.OpKind;
import dev.ashmem.model.Platform;
import dev.ashmem.oracle.protocol.AcceptedDifferences;
import dev.ashmem.oracle.protocol.Driver;
import dev.ashmem.trace.Profile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "drive", mixinStandardHelpOptions = true,
        description = {"Starts an implementation that speaks the line protocol (spec/trace-format.md, section 8), runs random "
                + "operation sequences against it and the model, and reports every distinct failure (by deciding rule and "
                + "operation class) shrunk to a minimal trace, up to --max-failures of them.",
                "Operation classes: " + OpKindConverter.KNOWN + ". An implementation that cannot express a class answers "
                + "'error unsupported ...' to it or declares it in its hello line ('unsupported CLASS,...'); drive then stops "
                + "drawing it and reports what was and was not exercised. A hello line with 'results user' gets its ioctl "
                + "values compared as int ioctl() returns them, as replay does for a trace with that header.",
                "Exit code 0 when every sequence matched (accepted differences aside), 1 on a failure, a failed reset or a "
                + "run that compared nothing, 2 on a usage error."})
public final class DriveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--command", required = true, paramLabel = "CMD", description = "the implementation, run with sh -c")
    String command;

    @Option(names = "--profile", converter = ProfileConverter.class, paramLabel = "PROFILE",
            completionCandidates = ProfileCandidates.class,
            description = "one of ${COMPLETION-CANDIDATES} (rust: the newest Rust revision); the behaviour to expect (default: the profile the server's hello line names)")
    Profile profile;

    @Option(names = "--platform", converter = PlatformConverter.class, paramLabel = "PLATFORM",
            description = "the generic layer to expect, " + PlatformConverter.HELP + " (default: the one the server's hello line names, else x86-64)")
    Platform platform;

    @Option(names = "--seed", description = "seed of the search (default: random, printed)")
    Long seed;

    @Option(names = "--sequences", defaultValue = "" + Driver.DEFAULT_SEQUENCES, description = "random sequences to run (default ${DEFAULT-VALUE})")
    int sequences;

    @Option(names = "--steps", defaultValue = "" + Driver.DEFAULT_STEPS, description = "maximum steps per sequence (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--timeout", defaultValue = Driver.DEFAULT_TIMEOUT, converter = Durations.class,
            description = "time-out per request (default ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--grace", defaultValue = Driver.DEFAULT_GRACE, converter = Durations.class,
            description = "how long to wait for the process to exit after its stdin is closed (default ${DEFAULT-VALUE})")
    Duration grace;

    @Option(names = "--shrink-time", defaultValue = "30s", converter = Durations.class,
            description = "budget for shrinking a failing sequence (default ${DEFAULT-VALUE})")
    Duration shrinkTime;

    @Option(names = "--fresh-process", description = "start a new process for every sequence instead of sending reset")
    boolean freshProcess;

    @Option(names = "--skip", converter = OpKindConverter.class, split = ",", paramLabel = "CLASS",
            description = "operation classes never to send (for example shrink for a device with no shrinker entry point)")
    Set<OpKind> skip;

    @Option(names = "--only", converter = OpKindConverter.class, split = ",", paramLabel = "CLASS",
            description = "send only these operation classes (the set-up's open, set_size and mmap only when listed)")
    Set<OpKind> only;

    @Option(names = "--max-failures", defaultValue = "" + Driver.DEFAULT_MAX_FAILURES,
            description = "stop searching after this many distinct failures, accepted ones not counted (default ${DEFAULT-VALUE})")
    int maxFailures;

    @Option(names = "--accept", paramLabel = "FILE",
            description = "accepted differences, one 'RULE-ID CLASS' per line ('#' comments), e.g. 'GETNAME-COPY attribute': "
                    + "listed in the report, they do not fail the run")
    Path accept;

    @Override
    public Integer call() {
        if (sequences < 1 || steps < 1) {
            throw new ParameterException(spec.commandLine(), "--sequences and --steps must be >= 1");
        }
        if (maxFailures < 1) {
            throw new ParameterException(spec.commandLine(), "--max-failures must be >= 1");
        }
        if (skip != null && only != null) {
            throw new ParameterException(spec.commandLine(), "--skip and --only exclude each other");
        }
        var skipped = skip != null ? skip : only != null ? EnumSet.complementOf(EnumSet.copyOf(only)) : EnumSet.noneOf(OpKind.class);
        AcceptedDifferences accepted = AcceptedDifferences.NONE;
        if (accept != null) {
            try {
                accepted = AcceptedDifferences.read(accept);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "--accept: cannot read " + accept + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--accept: " + e.getMessage());
            }
        }
        // Ctrl-C or SIGTERM mid-run: ProcessClient's own hook ends the implementation's process group; this says so.
        var out = spec.commandLine().getOut();
        var interrupted = new Thread(() -> {
            out.println("drive: interrupted before a verdict; the implementation's processes were ended");
            out.flush();
        }, "drive-interrupted");
        Runtime.getRuntime().addShutdownHook(interrupted);
        Driver.Report report;
        try {
            report = Driver.run(new Driver.Options(command, profile, seed, sequences, steps, timeout, grace, shrinkTime, freshProcess,
                    skipped, maxFailures, accepted, platform));
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(interrupted);
            } catch (IllegalStateException e) {
                // shutting down: the hook runs
            }
        }
        spec.commandLine().getOut().print(report.text());
        spec.commandLine().getOut().flush();
        return report.passed() ? 0 : 1;
    }
}
