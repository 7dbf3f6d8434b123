package dev.ashmem.stress.scenario;

import static dev.ashmem.stress.scenario.Actions.close;
import static dev.ashmem.stress.scenario.Actions.ioctl;
import static dev.ashmem.stress.scenario.Actions.mmap;
import static dev.ashmem.stress.scenario.Actions.mprotect;
import static dev.ashmem.stress.scenario.Actions.punchInFlight;
import static dev.ashmem.stress.scenario.Actions.purgeAll;
import static dev.ashmem.stress.scenario.Actions.read;
import static dev.ashmem.stress.scenario.Actions.scan;
import static dev.ashmem.stress.scenario.Actions.store;
import static dev.ashmem.stress.scenario.Actions.storeVia;
import static dev.ashmem.stress.scenario.Outcomes.line;

import dev.ashmem.model.Command;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Every race the stress tests run, in one place: setup, the two actors' operations, and the final
 * observation rendered as the outcome id. The jcstress test named like the scenario runs it on the
 * implementation; the model enumerator (unit tests) derives its acceptable outcomes from it.
 */
public final class Scenarios {
    /** The page size of every scenario (CTX-PAGE default). */
    public static final int P = 4096;
    /** What the setup writes into every page of a mapped area. */
    static final byte OLD = 'A';
    /** What an actor writes after its PIN (or into its own mapping). */
    static final byte NEW = 'B';
    /** Bytes an actor stores and the arbiter loads at the start of a page. */
    static final int PROBE = 8;
    private static final int RW = Prot.READ | Prot.WRITE;

    private Scenarios() {
    }

    /** CONC-INFLIGHT (a): a punch in flight when PIN comes; PIN waits, so the write after it survives. */
    public static final Scenario PIN_01 = Scenario.named("Pin_01_RacesInFlightPunch")
            .setup(r -> {
                mappedArea(r, 1);
                expect(r.device().ioctl(0, Command.unpin(0, P)), Result.ZERO, "UNPIN");
                r.put("inflight", r.target().markHead().orElseThrow()); // SHRINK-MARK, then the mutex is dropped
            }, "inflight")
            .actor(punchInFlight("inflight"))
            .actor(ioctl("pin", 0, Command.pin(0, P)), store("store", 1, 0, NEW, PROBE))
            .outcome(r -> line("pin", Outcomes.pin(r.result("pin")), "page", pages(r, 1, 1)));

    /** UNPIN-INSERT on two areas: both ranges join the LRU tail in one of the two serial orders. */
    public static final Scenario UNPIN_02 = Scenario.named("Unpin_02_TwoAreasRaceToLru")
            .setup(r -> {
                mappedArea(r, 1);
                mappedArea(r, 2);
            })
            .actor(ioctl("u0", 0, Command.unpin(0, 0)))
            .actor(ioctl("u1", 1, Command.unpin(0, 0)))
            .outcome(r -> {
                var s = r.device().snapshot();
                return line("u0", Outcomes.ret(r.result("u0")), "u1", Outcomes.ret(r.result("u1")),
                        "lru", Outcomes.lru(s), "count", Outcomes.count(s));
            });

    /** SIZE-FILE against MMAP-FILE (CVE-2017-13216): one size for the file, never a mapping past it. */
    public static final Scenario SIZE_03 = Scenario.named("Size_03_SetSizeRacesFirstMmap")
            .setup(r -> sizedArea(r, 2 * P))
            .actor(ioctl("set", 0, new Command.SetSize(P)))
            .actor(mmap("map", 0, 2 * P, RW))
            .outcome(r -> {
                var s = r.device().snapshot();
                var map = r.result("map");
                String tail = map instanceof Result.Value m ? Outcomes.fill(r.device().load((int) m.value(), P, PROBE), PROBE) : "none";
                return line("set", Outcomes.ret(r.result("set")), "mmap", Outcomes.mapping(map),
                        "size", Outcomes.ret(r.device().ioctl(0, new Command.GetSize())), "file", Outcomes.files(s), "tail", tail);
            });

    /** PROT-SUBSET and MMAP-MAY against mmap: no writable mapping once a read-only mask came first. */
    public static final Scenario PROT_04 = Scenario.named("Prot_04_SetProtMaskRacesMmap")
            .setup(r -> sizedArea(r, P))
            .actor(ioctl("mask", 0, new Command.SetProtMask(Prot.READ)))
            .actor(mmap("map", 0, P, Prot.READ), mprotect("mprotect", "map", RW))
            .outcome(r -> {
                var map = r.result("map");
                String write = map instanceof Result.Value m
                        ? Outcomes.ret(r.device().store((int) m.value(), 0, new byte[] {NEW})) : "none";
                return line("mask", Outcomes.ret(r.result("mask")), "mmap", Outcomes.mapping(map),
                        "mprotect", Outcomes.ret((Result) r.get("mprotect")), "write", write,
                        "maskNow", Outcomes.prot(r.device().ioctl(0, new Command.GetProtMask())));
            });

    /** NAME-FILE against MMAP-FILE: a late SET_NAME fails, an early one names the area. */
    public static final Scenario NAME_05 = Scenario.named("Name_05_SetNameRacesFirstMmap")
            .setup(r -> sizedArea(r, P))
            .actor(ioctl("set", 0, Command.SetName.of("race")))
            .actor(mmap("map", 0, P, RW))
            .outcome(r -> line("set", Outcomes.ret(r.result("set")), "mmap", Outcomes.mapping(r.result("map")),
                    "name", Outcomes.name(r.device().ioctl(0, new Command.GetName(false)))));

    /** MMAP-FILE twice at once: one backing file, each mapping sees the other's write. */
    public static final Scenario MMAP_06 = Scenario.named("Mmap_06_TwoFirstMmapsRace")
            .setup(r -> sizedArea(r, P))
            .actor(mmap("mapA", 0, P, RW), storeVia("storeA", "mapA", 0, OLD, 1))
            .actor(mmap("mapB", 0, P, RW), storeVia("storeB", "mapB", 1, NEW, 1))
            .outcome(r -> {
                var s = r.device().snapshot();
                return line("a", Outcomes.mapping(r.result("mapA")), "b", Outcomes.mapping(r.result("mapB")),
                        "viewA", view(r, "mapA"), "viewB", view(r, "mapB"), "files", Outcomes.files(s));
            });

    /** CLOSE-RELEASE against a scan: nothing of a released area is purged after, lruCount consistent. */
    public static final Scenario CLOSE_07 = Scenario.named("Close_07_ReleaseRacesScan")
            .setup(r -> {
                mappedArea(r, 1);
                mappedArea(r, 1);
                expect(r.device().ioctl(0, Command.unpin(0, P)), Result.ZERO, "UNPIN");
                expect(r.device().ioctl(1, Command.unpin(0, P)), Result.ZERO, "UNPIN");
            })
            .actor(close("close", 0))
            .actor(scan("scan", 1, 1))
            .outcome(r -> {
                var s = r.device().snapshot();
                return line("scan", Outcomes.scan(r.result("scan")), "a0", pages(r, 1, 1), "a1", pages(r, 2, 1),
                        "lru", Outcomes.lru(s), "count", Outcomes.count(s));
            });

    /** STATUS-WALK against UNPIN and PIN: each status sees a whole UNPIN or none of it. */
    public static final Scenario STATUS_08 = Scenario.named("Status_08_PinUnpinRaceStatus")
            .setup(r -> mappedArea(r, 2))
            .actor(ioctl("unpin", 0, Command.unpin(0, 2 * P)), ioctl("pin", 0, Command.pin(P, P)))
            .actor(ioctl("s1", 0, Command.pinStatus(P, P)), ioctl("s0", 0, Command.pinStatus(0, P)))
            .outcome(r -> line("s1", Outcomes.status(r.result("s1")), "s0", Outcomes.status(r.result("s0")),
                    "pin", Outcomes.pin(r.result("pin")), "ranges", Outcomes.ranges(r.device().snapshot(), 0)));

    /** PURGE-RET and PURGE-SCAN against PIN: the pinned page keeps the write, the rest may go. */
    public static final Scenario PURGE_09 = Scenario.named("Purge_09_PurgeAllRacesPin")
            .setup(r -> {
                mappedArea(r, 2);
                expect(r.device().ioctl(0, Command.unpin(0, 2 * P)), Result.ZERO, "UNPIN");
            })
            .actor(purgeAll("purge", 0, 2))
            .actor(ioctl("pin", 0, Command.pin(0, P)), store("store", 1, 0, NEW, PROBE))
            .outcome(r -> {
                var s = r.device().snapshot();
                return line("purge", Outcomes.ret(r.result("purge")), "pin", Outcomes.pin(r.result("pin")),
                        "pages", pages(r, 1, 2), "ranges", Outcomes.ranges(s, 0), "count", Outcomes.count(s));
            });

    /** READ-DATA against a purge of the same pages: each page reads its old data or zeros, whole. */
    public static final Scenario READ_10 = Scenario.named("Read_10_ReadRacesPurge")
            .setup(r -> {
                mappedArea(r, 2);
                expect(r.device().ioctl(0, Command.unpin(0, 2 * P)), Result.ZERO, "UNPIN");
            })
            .actor(read("read", 0, 2))
            .actor(scan("scan", 1, 1))
            .outcome(r -> line("read", Outcomes.fill(r.result("read"), P), "scan", Outcomes.scan(r.result("scan")),
                    "pages", pages(r, 1, 2)));

    /** DUP-HANDLE: two handles of one area pin and unpin overlapping ranges of the one unpinned list. */
    public static final Scenario DUP_11 = Scenario.named("Dup_11_TwoHandlesPinUnpin")
            .setup(r -> {
                mappedArea(r, 3);
                expect(r.device().dup(0), Result.ok(1), "dup");
                expect(r.device().ioctl(0, Command.unpin(P, 2 * P)), Result.ZERO, "UNPIN");
            })
            .actor(ioctl("unpin", 0, Command.unpin(0, 2 * P)))
            .actor(ioctl("pin", 1, Command.pin(P, 2 * P)))
            .outcome(r -> {
                var s = r.device().snapshot();
                return line("unpin", Outcomes.ret(r.result("unpin")), "pin", Outcomes.pin(r.result("pin")),
                        "ranges", Outcomes.ranges(s, 0), "lru", Outcomes.lru(s), "count", Outcomes.count(s));
            });

    /** CONC-INFLIGHT (b): a whole scan against PIN; WAS_PURGED exactly when the scan won. */
    public static final Scenario PIN_12 = Scenario.named("Pin_12_RacesWholeScan")
            .setup(r -> {
                mappedArea(r, 1);
                expect(r.device().ioctl(0, Command.unpin(0, P)), Result.ZERO, "UNPIN");
            })
            .actor(scan("scan", 1, 1))
            .actor(ioctl("pin", 0, Command.pin(0, P)), store("store", 1, 0, NEW, PROBE))
            .outcome(r -> line("pin", Outcomes.pin(r.result("pin")), "scan", Outcomes.scan(r.result("scan")),
                    "page", pages(r, 1, 1)));

    /** PINARG-LEN0 and PINARG-NOFILE under the mutex: UNPIN "to the end" against SET_SIZE and mmap. */
    public static final Scenario PIN_13 = Scenario.named("Pin_13_UnpinToEndRacesResize")
            .setup(r -> sizedArea(r, 2 * P))
            .actor(ioctl("set", 0, new Command.SetSize(P)), mmap("map", 0, P, RW))
            .actor(ioctl("unpin", 0, Command.unpin(0, 0)))
            .outcome(r -> {
                var s = r.device().snapshot();
                return line("unpin", Outcomes.ret(r.result("unpin")), "ranges", Outcomes.ranges(s, 0),
                        "count", Outcomes.count(s));
            });

    /** Every scenario; each has a jcstress test class of its name in dev.ashmem.stress.tests. */
    public static final List<Scenario> ALL = List.of(PIN_01, UNPIN_02, SIZE_03, PROT_04, NAME_05, MMAP_06,
            CLOSE_07, STATUS_08, PURGE_09, READ_10, DUP_11, PIN_12, PIN_13);

    public static Scenario named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scenario " + name));
    }

    // ---- setup and observation helpers

    /** open, SET_SIZE; the n-th area gets handle n. */
    private static void sizedArea(Run r, long size) {
        int fd = r.device().openHandle();
        expect(r.device().ioctl(fd, new Command.SetSize(size)), Result.ZERO, "SET_SIZE");
    }

    /** open, SET_SIZE, a shared read-write mapping of the whole area filled with OLD; the n-th gets mapping n+1. */
    private static void mappedArea(Run r, int pages) {
        var d = r.device();
        int fd = d.openHandle();
        expect(d.ioctl(fd, new Command.SetSize((long) pages * P)), Result.ZERO, "SET_SIZE");
        var map = d.mmap(fd, (long) pages * P, RW, true, 0);
        if (!(map instanceof Result.Value m)) {
            throw new IllegalStateException("setup mmap failed: " + map);
        }
        var data = new byte[pages * P];
        Arrays.fill(data, OLD);
        expect(d.store((int) m.value(), 0, data), Result.ZERO, "store");
    }

    /** The first PROBE bytes of each of {@code count} pages of a mapping, one character per page. */
    private static String pages(Run r, int mapping, int count) {
        var sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(Outcomes.fill(r.device().load(mapping, (long) i * P, PROBE), PROBE));
        }
        return sb.toString();
    }

    /** The two bytes the actors of MMAP_06 wrote, through the mapping in {@code slot}. */
    private static String view(Run r, String slot) {
        return r.result(slot) instanceof Result.Value m ? Outcomes.fill(r.device().load((int) m.value(), 0, 2), 1) : "none";
    }

    private static void expect(Result actual, Result expected, String what) {
        if (!Objects.equals(actual, expected)) {
            throw new IllegalStateException("setup " + what + ": expected " + expected + ", got " + actual);
        }
    }
}
