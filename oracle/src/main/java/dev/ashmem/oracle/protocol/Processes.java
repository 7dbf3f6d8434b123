package dev.ashmem.oracle.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a process still runs. {@link ProcessHandle#isAlive()} is also true for a zombie: a process that
 * has ended but that its parent (or, once orphaned, init) has not reaped yet. An init that reaps late made
 * ended processes look left behind.
 */
public final class Processes {
    private Processes() {
    }

    /** True while the process exists and has not ended (its state in /proc is not Z or X). */
    public static boolean running(long pid) {
        var f = statFields(Path.of("/proc", Long.toString(pid)));
        if (f == null) {
            // No /proc entry: gone on Linux; elsewhere the JDK's answer is the best there is.
            return !Files.isDirectory(Path.of("/proc/self")) && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        return f.length == 0 || notEnded(f[0]);
    }

    /**
     * True while a process of process group {@code pgid} runs (zombies left out), read from /proc; empty
     * where there is no /proc to read.
     */
    public static java.util.Optional<Boolean> groupRunning(long pgid) {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return java.util.Optional.empty();
        }
        String group = Long.toString(pgid);
        try (var dirs = Files.newDirectoryStream(Path.of("/proc"), d -> isNumber(d.getFileName().toString()))) {
            for (Path dir : dirs) {
                var f = statFields(dir);
                if (f != null && f.length >= 3 && f[2].equals(group) && notEnded(f[0])) {
                    return java.util.Optional.of(true);
                }
            }
        } catch (IOException | SecurityException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(false);
    }

    /** Not a state of an ended process: Z (zombie) or X (dead). */
    private static boolean notEnded(String state) {
        return !state.equals("Z") && !state.equals("X");
    }

    /**
     * The fields of {@code dir/stat} after the command name (state, ppid, pgrp, ...), none if it has no name in
     * parentheses, or null when there is no such process. The name may hold spaces and ')': it ends at the last.
     */
    private static String[] statFields(Path dir) {
        String stat;
        try {
            stat = Files.readString(dir.resolve("stat"));
        } catch (IOException | SecurityException gone) {
            return null;
        }
        int close = stat.lastIndexOf(')');
        return close < 0 || close + 2 >= stat.length() ? new String[0] : stat.substring(close + 2).split(" ", 4);
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** {@link #running(long)} of a handle. */
    public static boolean running(ProcessHandle process) {
        return running(process.pid());
    }
}
