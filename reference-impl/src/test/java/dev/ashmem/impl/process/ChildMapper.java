package dev.ashmem.impl.process;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import dev.ashmem.impl.sys.Libc;
import java.lang.foreign.MemorySegment;

/**
 * The other process of the sharing tests: a small main run in a child JVM. It opens another
 * process's memfd through /proc/&lt;pid&gt;/fd/&lt;n&gt; and maps it with FFM open + mmap.
 *
 * <pre>
 * exchange LEN SEED PATH...   for each path: map it read-write shared, check byte i == (SEED + k + i) mod 251
 *                             for region k, then write (SEED + 100 + k + i) mod 251 everywhere; prints "ok k"
 * trymap LEN PATH             map read-write shared, then read-only shared; prints "rw=<errno|ok> ro=<errno|ok>"
 * </pre>
 * Exit status 0 when every check held, 1 otherwise (the message says why).
 */
@SuppressWarnings("restricted")
public final class ChildMapper {
    private ChildMapper() {
    }

    public static void main(String[] args) {
        int status = switch (args[0]) {
            case "exchange" -> exchange(args);
            case "trymap" -> tryMap(args);
            default -> {
                System.out.println("unknown mode " + args[0]);
                yield 2;
            }
        };
        System.out.flush();
        System.exit(status);
    }

    private static int exchange(String[] args) {
        long len = Long.parseLong(args[1]);
        int seed = Integer.parseInt(args[2]);
        int failures = 0;
        for (int k = 0; k + 3 < args.length; k++) {
            String path = args[k + 3];
            int fd = Libc.open(path, Libc.O_RDWR | Libc.O_CLOEXEC);
            if (fd < 0) {
                System.out.println("open " + path + " failed: errno " + -fd);
                failures++;
                continue;
            }
            long addr = Libc.mmap(0, len, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, fd, 0);
            Libc.close(fd); // the mapping keeps the file
            if (addr < 0) {
                System.out.println("mmap " + path + " failed: errno " + -addr);
                failures++;
                continue;
            }
            var seg = MemorySegment.ofAddress(addr).reinterpret(len);
            boolean same = true;
            for (long i = 0; i < len; i++) {
                if (seg.get(JAVA_BYTE, i) != (byte) ((seed + k + i) % 251)) {
                    System.out.println("region " + k + " byte " + i + " is " + seg.get(JAVA_BYTE, i));
                    same = false;
                    break;
                }
            }
            for (long i = 0; i < len; i++) {
                seg.set(JAVA_BYTE, i, (byte) ((seed + 100 + k + i) % 251));
            }
            Libc.munmap(addr, len);
            if (same) {
                System.out.println("ok " + k);
            } else {
                failures++;
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private static int tryMap(String[] args) {
        long len = Long.parseLong(args[1]);
        int fd = Libc.open(args[2], Libc.O_RDWR | Libc.O_CLOEXEC);
        if (fd < 0) {
            System.out.println("open failed: errno " + -fd);
            return 1;
        }
        long rw = Libc.mmap(0, len, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED, fd, 0);
        long ro = Libc.mmap(0, len, Libc.PROT_READ, Libc.MAP_SHARED, fd, 0);
        String roWrite = "none";
        if (ro >= 0) {
            // a read-only shared mapping of a sealed memfd may not become writable either
            roWrite = Libc.mprotect(ro, len, Libc.PROT_READ | Libc.PROT_WRITE) == 0 ? "ok" : "refused";
        }
        System.out.println("rw=" + (rw < 0 ? "errno" + -rw : "ok") + " ro=" + (ro < 0 ? "errno" + -ro : "ok")
                + " ro->rw=" + roWrite);
        Libc.close(fd);
        return 0;
    }
}
