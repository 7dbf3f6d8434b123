package dev.ashmem.stress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the shaded jcstress jar in a child JVM, in a fresh directory of its own (jcstress writes its
 * binary results into the working directory), echoing and keeping its console output, then reads the
 * verdict back.
 */
public final class Campaign {
    private final CampaignOptions options;
    private final PrintStream out;

    /** The run directory once made (read by an interrupt handler). */
    private volatile Path dir;
    private volatile boolean stopped;
    /** What jcstress found so far, from its console (an interrupted run's summary). */
    private final ConsoleProgress progress = new ConsoleProgress();

    /** Stops the run after the child under way ends (an interrupt ends it): no further JVM is started. */
    public void stop() {
        stopped = true;
    }

    /** The run directory, or null before it is made. */
    public Path dir() {
        return dir;
    }

    /** One line: how far jcstress got and the FORBIDDEN outcomes it printed, for a run that was stopped. */
    public String soFar() {
        return progress.soFar();
    }

    public Campaign(CampaignOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** The run directory: {@code <results>/<time>-<mode>[-<variant>]}, with report/, console.log and the results. */
    public Path runDir() throws IOException {
        Path root = options.resultsRoot().orElse(jar().getParent().resolve("jcstress-runs"));
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String name = stamp + "-" + options.mode() + (options.variant() == Variant.NONE ? "" : "-" + options.variant().id());
        Path dir = root.resolve(name);
        for (int n = 2; Files.exists(dir); n++) {
            dir = root.resolve(name + "-" + n);
        }
        try {
            return Files.createDirectories(dir).toAbsolutePath();
        } catch (java.nio.file.FileSystemException e) {
            throw new IOException("cannot make the run directory " + dir + ": " + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()), e);
        }
    }

    /**
     * Runs the campaign from a copy of the jar in the run directory (a rebuild of the module under a
     * long campaign must not pull classes from under it), then has a second JVM from that copy read
     * the results; prints jcstress' console and the summary, and returns the verdict.
     */
    public CampaignReport run() throws IOException, InterruptedException {
        Path source = jar(); // before the run directory: a missing jar leaves nothing behind
        Path dir = runDir();
        this.dir = dir;
        Path jar = Files.copy(source, dir.resolve("jcstress.jar"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<String>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString()));
        command.addAll(options.toJcstressArgs());
        command.addAll(List.of("-r", dir.resolve("report").toString()));
        out.println("ashmem stress: variant " + options.variant().id() + ", mode " + options.mode() + ", results in " + dir);
        out.println("ashmem stress: " + String.join(" ", command));
        long start = System.nanoTime();
        int exit = runEchoing(command, dir, dir.resolve("console.log"), progress);
        var wall = Duration.ofNanos(System.nanoTime() - start);
        if (stopped) {
            throw new InterruptedException("stopped");
        }
        // jcstress exits 1 when a test failed; its result file still says which and how. Without one it ran no
        // test (it refused an option, or failed to start): there is nothing to read.
        if (!hasResults(dir)) {
            throw new IOException("no verdict: jcstress exited with " + exit + " and wrote no results (it ran no test); see "
                    + dir.resolve("console.log"));
        }
        int read = runEchoing(List.of(java, "-cp", jar.toString(), ResultReader.class.getName(), dir.toString(),
                Long.toString(wall.toMillis())), dir, dir.resolve("summary.log"), null);
        if (stopped) {
            throw new InterruptedException("stopped");
        }
        Path summary = dir.resolve(CampaignReport.SUMMARY);
        if (read != 0 || !Files.isRegularFile(summary)) {
            throw new IOException("no verdict: jcstress exited with " + exit + ", reading its results with " + read
                    + "; see " + dir.resolve("console.log") + " and " + dir.resolve("summary.log"));
        }
        return CampaignReport.load(summary);
    }

    /**
     * Runs a command in {@code dir}, echoing its output to {@code out} and to {@code log} (line by line, so an
     * interrupted run keeps all it printed) and feeding it to {@code progress} when not null; its exit status.
     */
    private int runEchoing(List<String> command, Path dir, Path log, ConsoleProgress progress) throws IOException, InterruptedException {
        var process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        var filter = new ConsoleFilter(options.mode());
        try (var console = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
             var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                filter.show(line).ifPresent(out::println);
                console.write(line);
                console.newLine();
                console.flush();
                if (progress != null) {
                    progress.see(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The log could not be written (a full disk): the run ends here, and so do jcstress and its JVMs.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw e;
        }
        return process.waitFor();
    }

    private static boolean hasResults(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().matches("jcstress-results-.*\\.bin\\.gz"));
        }
    }

    /** The shaded jar: --jar, else the jar this class was loaded from, else target/jcstress.jar next to classes/. */
    public Path jar() throws IOException {
        if (options.jar().isPresent()) {
            return options.jar().get().toAbsolutePath();
        }
        try {
            Path here = Path.of(Campaign.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path jar = Files.isDirectory(here) ? here.resolveSibling("jcstress.jar") : here;
            if (!Files.isRegularFile(jar)) {
                throw new IOException("no shaded jcstress jar at " + jar + "; build it (mvn -pl stress package) or pass --jar");
            }
            return jar;
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the jcstress jar", e);
        }
    }
}
