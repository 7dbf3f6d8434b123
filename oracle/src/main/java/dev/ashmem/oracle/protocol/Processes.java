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
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException | SecurityException e) {
            // No /proc entry: gone on Linux; elsewhere the JDK's answer is the best there is.
            return !Files.isDirectory(Path.of("/proc/self")) && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        // "pid (comm) S ...": comm may hold spaces and parentheses, the state follows the last ')'.
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 >= stat.length()) {
            return true;
        }
        char state = stat.charAt(close + 2);
        return state != 'Z' && state != 'X';
    }

    /**
     * True while a process of process group {@code pgid} runs (zombies left out), read from /proc; empty
     * where there is no /proc to read.
     */
    public static java.util.Optional<Boolean> groupRunning(long pgid) {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return java.util.Optional.empty();
        }
        try (var dirs = Files.newDirectoryStream(Path.of("/proc"), d -> isNumber(d.getFileName().toString()))) {
            for (Path dir : dirs) {
                String stat;
                try {
                    stat = Files.readString(dir.resolve("stat"));
                } catch (IOException | SecurityException gone) {
                    continue;
                }
                // "pid (comm) state ppid pgrp ..."
                int close = stat.lastIndexOf(')');
                String[] f = close < 0 ? new String[0] : stat.substring(close + 2).split(" ", 4);
                if (f.length >= 3 && f[2].equals(Long.toString(pgid)) && !f[0].equals("Z") && !f[0].equals("X")) {
                    return java.util.Optional.of(true);
                }
            }
        } catch (IOException | SecurityException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(false);
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** {@link #running(long)} of a handle. */
    public static boolean running(ProcessHandle process) {
        return running(process.pid());
    }
}
