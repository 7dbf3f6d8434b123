package dev.ashmem.oracle.cli;

import dev.ashmem.trace.Profile;
import dev.ashmem.oracle.protocol.Driver;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "drive", mixinStandardHelpOptions = true,
        description = {"Starts an implementation that speaks the line protocol (spec/trace-format.md), runs random operation "
                + "sequences against it and the model, shrinks a failing sequence to a minimal trace and prints it.",
                "Exit code 0 when every sequence matched, 1 otherwise."})
public final class DriveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--command", required = true, paramLabel = "CMD", description = "the implementation, run with sh -c")
    String command;

    @Option(names = "--profile", converter = ProfileConverter.class, paramLabel = "PROFILE", completionCandidates = ProfileCandidates.class,
            description = "the behaviour to expect, one of: ${COMPLETION-CANDIDATES} (default: the profile the server's hello line names)")
    Profile profile;

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

    @Override
    public Integer call() {
        if (sequences < 1 || steps < 1) {
            throw new ParameterException(spec.commandLine(), "--sequences and --steps must be >= 1");
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
            report = Driver.run(new Driver.Options(command, profile, seed, sequences, steps, timeout, grace, shrinkTime, freshProcess));
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
