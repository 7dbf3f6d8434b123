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

    /** {@link #running(long)} of a handle. */
    public static boolean running(ProcessHandle process) {
        return running(process.pid());
    }
}
