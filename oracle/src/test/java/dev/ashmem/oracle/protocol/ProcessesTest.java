package dev.ashmem.oracle.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessesTest {
    @Test
    void aZombieHasEndedThoughTheJdkCallsItAlive() throws Exception {
        // sleep (exec'd by sh) never waits for sh's child: the child stays a zombie until sleep ends.
        var p = new ProcessBuilder("sh", "-c", "(exit 0) & exec sleep 30").start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            ProcessHandle zombie = null;
            while (zombie == null && System.nanoTime() < deadline) {
                zombie = p.children().filter(c -> state(c.pid()) == 'Z').findFirst().orElse(null);
                Thread.sleep(10);
            }
            assertThat(zombie).as("a zombie child of sleep").isNotNull();
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

    private static char state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (Exception e) {
            return '?';
        }
    }

    @Test
    void aGroupOfOnlyAZombieRunsNoLongerThoughKillStillFindsIt() throws Exception {
        // The inner setsid makes a group led by a shell that exits at once; its parent, exec'd into sleep,
        // never reaps it: a group whose one member is a zombie.
        var p = new ProcessBuilder("sh", "-c", "setsid sh -c 'exit 0' & exec sleep 30").start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            ProcessHandle zombie = null;
            while (zombie == null && System.nanoTime() < deadline) {
                zombie = p.children().filter(c -> state(c.pid()) == 'Z').findFirst().orElse(null);
                Thread.sleep(10);
            }
            assertThat(zombie).as("the zombie group leader").isNotNull();
            long pgid = zombie.pid();
            assertThat(new ProcessBuilder("kill", "-0", "--", "-" + pgid).start().waitFor()).as("kill -0 finds the group").isZero();
            assertThat(Processes.groupRunning(pgid)).contains(false);
            assertThat(Processes.groupRunning(pgidOf(ProcessHandle.current().pid()))).as("this JVM's group").contains(true);
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    private static long pgidOf(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
    }
}
