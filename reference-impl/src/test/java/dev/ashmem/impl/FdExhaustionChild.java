package dev.ashmem.impl;

import dev.ashmem.impl.cutils.Region;
import dev.ashmem.impl.cutils.RegionMapping;
import dev.ashmem.model.Prot;
import java.util.ArrayList;

/**
 * Run by {@link FdExhaustionTest} under a low RLIMIT_NOFILE: maps new regions (each mapping's area gets
 * a memfd) until the process runs out of file descriptors, prints how the device said so, frees half
 * and maps again. Any other exception ends this JVM with a non-zero status.
 */
public final class FdExhaustionChild {
    private FdExhaustionChild() {
    }

    public static void main(String[] args) {
        try (var dev = new OffHeapAshmem(4096)) {
            var maps = new ArrayList<RegionMapping>();
            OsLimitException refused = null;
            for (int i = 0; i < 100_000 && refused == null; i++) {
                try (var region = Region.create(dev, "fd" + i, 4096)) {
                    maps.add(region.map(Prot.READ | Prot.WRITE));
                } catch (OsLimitException e) {
                    refused = e;
                }
            }
            if (refused == null) {
                throw new AssertionError("never ran out of file descriptors");
            }
            System.out.println("refused after " + maps.size() + ": " + refused.call() + " " + refused.errno());
            System.out.println("message " + refused.getMessage());
            for (int i = 0; i < maps.size(); i += 2) {
                maps.get(i).close();
            }
            try (var region = Region.create(dev, "again", 4096); var m = region.map(Prot.READ | Prot.WRITE)) {
                m.write(0, new byte[] {42});
                System.out.println("recovered " + m.read(0, 1)[0]);
            }
        }
    }
}
