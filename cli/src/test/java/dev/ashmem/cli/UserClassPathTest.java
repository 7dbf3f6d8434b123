package dev.ashmem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --impl from a user's own class directory (--classpath): compiled here, so nothing on the test class path has it. */
class UserClassPathTest {
    private static final String SOURCE = """
            package user;

            import dev.ashmem.model.*;

            public class ModelDevice implements AshmemDevice {
                private final AshmemModel m;
                public ModelDevice(int pageSize) { m = new AshmemModel(pageSize); }
                public int pageSize() { return m.pageSize(); }
                public Result open() { return m.open(); }
                public Result dup(int fd) { return m.dup(fd); }
                public Result close(int fd) { return m.close(fd); }
                public Result ioctl(int fd, Command c, Caller k) { return m.ioctl(fd, c, k); }
                public Result mmap(int fd, long l, int p, boolean s, long o, Caller k) { return m.mmap(fd, l, p, s, o, k); }
                public Result munmap(int map) { return m.munmap(map); }
                public Result mprotect(int map, int p, Caller k) { return m.mprotect(map, p, k); }
                public Result load(int map, long o, int l) { return m.load(map, o, l); }
                public Result store(int map, long o, byte[] d) { return m.store(map, o, d); }
                public Result read(int fd, int n) { return m.read(fd, n); }
                public Result llseek(int fd, long o, int w) { return m.llseek(fd, o, w); }
                public long shrinkCount() { return m.shrinkCount(); }
                public long shrinkScan(long n, boolean fs) { return m.shrinkScan(n, fs); }
                public DeviceSnapshot snapshot() { return m.snapshot(); }
            }
            """;

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {}

    private Run campaign(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = CampaignCommand.run(new PrintStream(out, true), new PrintStream(err, true), dir, args);
        return new Run(status, out.toString(), err.toString());
    }

    private Path compileUserClass() throws Exception {
        var src = Files.createDirectories(dir.resolve("src/user")).resolve("ModelDevice.java");
        Files.writeString(src, SOURCE);
        var classes = Files.createDirectories(dir.resolve("classes"));
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "-cp", System.getProperty("java.class.path"), "-d", classes.toString(), src.toString());
        assertThat(rc).as("javac").isZero();
        return classes;
    }

    @Test
    void theCampaignLoadsAnImplementationFromTheUsersClassPath() throws Exception {
        var classes = compileUserClass();
        var without = campaign("--impl", "user.ModelDevice", "--tries", "5", "--no-stress", "--no-model-check");
        assertThat(without.status()).isEqualTo(2);
        assertThat(without.err()).startsWith("--impl: implementation class user.ModelDevice is not on the class path");

        var with = campaign("--classpath", classes.toString(), "--impl", "user.ModelDevice", "--tries", "20", "--seed", "1",
                "--page-sizes", "4096", "--no-stress", "--no-model-check", "--out", dir.resolve("out").toString());
        assertThat(with.status()).as(with.out() + with.err()).isZero();
        assertThat(with.out()).contains("against user.ModelDevice", "campaign summary: differential passed");
    }

    @Test
    void aMissingClassPathEntryIsOneClearLine() {
        var r = campaign("--classpath", dir.resolve("nope.jar").toString(), "--impl", "user.ModelDevice");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("--classpath: " + dir.resolve("nope.jar") + " does not exist");
    }
}
