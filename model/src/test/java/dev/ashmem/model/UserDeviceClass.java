package dev.ashmem.model;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;

/**
 * A user's own AshmemDevice for the {@code --classpath} tests of the commands that load one ({@code --impl}):
 * its source is compiled into a directory of the test's, so nothing on the test's class path has the class.
 * The device is the model behind a class of the user's.
 */
public final class UserDeviceClass {
    /** The class's name. */
    public static final String NAME = "user.ModelDevice";

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

    private UserDeviceClass() {
    }

    /** Compiles the class under {@code dir}; returns the class directory ({@code dir/classes}). */
    public static Path compileInto(Path dir) throws Exception {
        var src = Files.createDirectories(dir.resolve("src/user")).resolve("ModelDevice.java");
        Files.writeString(src, SOURCE);
        var classes = Files.createDirectories(dir.resolve("classes"));
        var diagnostics = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, diagnostics, diagnostics,
                "-cp", System.getProperty("java.class.path"), "-d", classes.toString(), src.toString());
        if (rc != 0) {
            throw new IllegalStateException("javac " + src + " failed:\n" + diagnostics);
        }
        return classes;
    }
}
