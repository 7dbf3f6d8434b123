package dev.ashmem.oracle;

import dev.ashmem.model.AshmemDevice;
import dev.ashmem.oracle.profile.Profiles;
import dev.ashmem.oracle.protocol.Hello;
import dev.ashmem.oracle.protocol.ProtocolServer;
import dev.ashmem.oracle.replay.Replayer;
import dev.ashmem.trace.Profile;
import dev.ashmem.trace.TraceParser;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Run by {@link LargeRequestsTest} in a child JVM with a small heap: serves {@link #REQUESTS} with the
 * model and {@link #REFERENCE_REQUESTS} with the reference implementation, then replays a trace that expects the same results, and
 * prints every reply. Dying of OutOfMemoryError here fails the test.
 */
public final class LargeRequestsChild {
    /** 2 GiB area and mapping, a page written in the middle, the largest load and read there are. */
    static final String REQUESTS = """
            open
            ioctl 0 SET_SIZE 2147483648
            mmap 0 2147483648 rw- shared 0
            store 1 1073741824 "ashmem"
            load 1 0 2147483647
            read 0 2147483647
            load 1 1 2147483647
            """;
    /**
     * The reference implementation on the same 2 GiB mapping loads 256 MiB: its loads really fault the
     * pages in (MEM-SHARED allocates), and allocating 2 GiB of shmem takes half a minute on a loaded
     * machine. 256 MiB still cannot fit this heap as an array (and its text twice over).
     */
    static final String REFERENCE_REQUESTS = """
            open
            ioctl 0 SET_SIZE 2147483648
            mmap 0 2147483648 rw- shared 0
            store 1 1073741824 "ashmem"
            load 1 1006632960 268435456
            read 0 268435456
            """;
    static final String REFERENCE_LOAD = "hex:00{67108864}6173686d656d00{201326586}";
    static final String REFERENCE_READ = "hex:00{268435456}";
    /** What the model answers: zeros around "ashmem", in a few dozen characters. */
    static final String LOAD = "hex:00{1073741824}6173686d656d00{1073741817}";
    /** read() moves at most MAX_RW_COUNT (2^31 - 4096) bytes. */
    static final String READ = "hex:00{1073741824}6173686d656d00{1073737722}";
    static final String LOAD_AT_1 = "hex:00{1073741823}6173686d656d00{1073741818}";
    static final String TRACE = """
            ashmem-trace 1
            open -> 0
            ioctl 0 SET_SIZE 2147483648 -> 0
            mmap 0 2147483648 rw- shared 0 -> 1
            store 1 1073741824 "ashmem" -> 0
            load 1 0 2147483647 -> %s
            read 0 2147483647 -> %s
            """.formatted(LOAD, READ);

    private LargeRequestsChild() {
    }

    public static void main(String[] args) throws Exception {
        var out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        serve("model", () -> Profiles.newDevice(Profile.MAINLINE, 4096), REQUESTS, out);
        serve("reference", () -> Implementations.reference(4096).orElseThrow(), REFERENCE_REQUESTS, out);
        var result = Replayer.replay(TraceParser.parse("large.trace", TRACE), Profile.MAINLINE);
        out.println("replay " + result.passed());
        out.println("heap " + Runtime.getRuntime().maxMemory());
    }

    private static void serve(String name, Supplier<AshmemDevice> devices, String requests, PrintStream out) throws Exception {
        new ProtocolServer(devices, new Hello(1, 4096, Profile.MAINLINE, name))
                .serve(new BufferedReader(new StringReader(requests)), out);
    }
}
