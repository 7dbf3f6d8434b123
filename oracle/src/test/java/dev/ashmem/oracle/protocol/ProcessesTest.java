package dev.ashmem.oracle.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Process state from /proc: a zombie has ended, and a group of zombies runs nothing. */
class ProcessesTest {
    @Test
    void aZombieHasEndedThoughTheJdkCallsItAlive() throws Exception {
        // sleep (exec'd by sh) never waits for sh's child: the child stays a zombie until sleep ends.
        var p = new ProcessBuilder("sh", "-c", "(exit 0) & exec sleep 30").start();
        try {
            var zombie = zombieChildOf(p);
            assertThat(zombie.isAlive()).as("the JDK's view").isTrue();
            assertThat(Processes.running(zombie)).isFalse();
            assertThat(Processes.running(p.pid())).isTrue();
        } finally {
            p.destroyForcibly().waitFor();
        }
        assertThat(Processes.running(p.pid())).as("reaped by this JVM").isFalse();
    }

    @Test
    void thisProcessRunsAndAnUnusedPidDoesNot() {
        assertThat(Processes.running(ProcessHandle.current())).isTrue();
        assertThat(Processes.running(Long.MAX_VALUE)).isFalse();
    }

    @Test
    void aGroupOfOnlyAZombieRunsNoLongerThoughKillStillFindsIt() throws Exception {
        // The inner setsid makes a group led by a shell that exits at once; its parent, exec'd into sleep,
        // never reaps it: a group whose one member is a zombie.
        var p = new ProcessBuilder("sh", "-c", "setsid sh -c 'exit 0' & exec sleep 30").start();
        try {
            long pgid = zombieChildOf(p).pid();
            assertThat(new ProcessBuilder("kill", "-0", "--", "-" + pgid).start().waitFor()).as("kill -0 finds the group").isZero();
            assertThat(Processes.groupRunning(pgid)).contains(false);
            assertThat(Processes.groupRunning(Long.parseLong(statFields(ProcessHandle.current().pid())[2]))).as("this JVM's group")
                    .contains(true);
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    /** A child of {@code p} that has become a zombie (waited for up to 10 s). */
    private static ProcessHandle zombieChildOf(Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            var zombie = p.children().filter(c -> statFields(c.pid())[0].equals("Z")).findFirst();
            if (zombie.isPresent()) {
                return zombie.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no zombie child of " + p.pid());
    }

    /** The fields of /proc/PID/stat after the command name: state, ppid, pgrp, ... ({"?"} when unreadable). */
    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (Exception e) {
            return new String[] {"?"};
        }
    }
}
