package dev.ashmem.oracle;

import dev.ashmem.oracle.cli.DriveCommand;
import dev.ashmem.oracle.cli.DriveRateCommand;
import dev.ashmem.oracle.cli.ExpectCommand;
import dev.ashmem.oracle.cli.GenerateCommand;
import dev.ashmem.oracle.cli.ReplayCommand;
import dev.ashmem.oracle.cli.ServeCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The model as an oracle, for implementations outside Java: {@code replay}, {@code expect},
 * {@code generate}, {@code drive} and {@code serve}. Errors are printed as one clear message, never a
 * stack trace.
 */
@Command(name = "ashmem", mixinStandardHelpOptions = true, version = "ashmem-oracle 0.1.0",
        description = "Check an ashmem implementation against the model: traces, test vectors, conformance traces, and a driver.",
        subcommands = {ReplayCommand.class, ExpectCommand.class, GenerateCommand.class, DriveCommand.class, DriveRateCommand.class, ServeCommand.class,
                CommandLine.HelpCommand.class})
public final class OracleMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (replay, expect, generate, drive, drive-rate, serve)");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line with the given output streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        var cl = new CommandLine(new OracleMain());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("ashmem " + commandLine.getCommandName() + ": " + message(ex));
            commandLine.getErr().flush();
            return 2;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands Errors on; a stack trace would be the user's only clue. The heap is free again here.
            var parsed = cl.getParseResult();
            String name = parsed != null && parsed.subcommand() != null ? parsed.subcommand().commandSpec().name() : "";
            err.println("ashmem " + name + ": out of memory (a heap of " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MB): ask for less (fewer or shorter traces) or give the JVM more (ASHMEM_JAVA_OPTS=-Xmx...)");
            err.flush();
            return 2;
        }
    }

    private static String message(Throwable t) {
        // The file system's exceptions carry only the path as their message: say what is wrong with it.
        String what = switch (t) {
            case java.nio.file.NoSuchFileException e -> "no such file or directory";
            case java.nio.file.FileAlreadyExistsException e -> "already exists (and is not a directory)";
            case java.nio.file.NotDirectoryException e -> "not a directory";
            case java.nio.file.AccessDeniedException e -> "permission denied";
            case java.nio.file.FileSystemException e when e.getReason() != null -> e.getReason();
            default -> null;
        };
        if (what != null) {
            return ((java.nio.file.FileSystemException) t).getFile() + ": " + what;
        }
        var m = t.getMessage();
        return m == null || m.isBlank() ? t.toString() : m;
    }
}
