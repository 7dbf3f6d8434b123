package dev.ashmem.stress.scenario;

import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Op;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import dev.ashmem.model.Whence;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The operations actors perform, each with its cut into model steps. The cut follows the
 * implementation's use of the mutex (CONC-MUTEX, CONC-UNLOCKED, CONC-PUNCH-UNLOCKED): a step marked
 * locked where the implementation holds the mutex, so a concurrent scan's trylock may fail there.
 */
public final class Actions {
    private Actions() {
    }

    /** ioctl(fd, cmd) as an ordinary app; the command decides how it uses the mutex. */
    public static Action ioctl(String slot, int fd, Command cmd) {
        return ioctl(slot, fd, cmd, Caller.APP);
    }

    public static Action ioctl(String slot, int fd, Command cmd, Caller caller) {
        if (cmd instanceof Command.PurgeAllCaches) {
            throw new IllegalArgumentException("use purgeAll: PURGE_ALL_CACHES is a count and a scan");
        }
        String label = new Op.Ioctl(fd, cmd, caller).toString(); // the operation's trace line
        Consumer<Run> call = r -> r.put(slot, r.device().ioctl(fd, cmd, caller));
        Step step = switch (cmd) {
            case Command.Pin c -> Step.waitsForPunches(label, call);
            case Command.Unpin c -> Step.waitsForPunches(label, call);
            case Command.GetPinStatus c -> Step.waitsForPunches(label, call);
            case Command.GetSize c -> Step.unlocked(label, call); // CONC-UNLOCKED
            case Command.GetProtMask c -> Step.unlocked(label, call);
            case Command.Unknown c -> Step.unlocked(label, call);
            default -> Step.locked(label, call);
        };
        return Action.single(label, List.of(slot), step);
    }

    /** A shared mmap of the whole length at offset 0; the mapping id lands in {@code slot}. */
    public static Action mmap(String slot, int fd, long length, int prot) {
        String label = "mmap " + fd + " " + length + " " + Prot.format(prot);
        return Action.single(label, List.of(slot),
                Step.locked(label, r -> r.put(slot, r.device().mmap(fd, length, prot, true, 0))));
    }

    /** mprotect of the mapping an earlier mmap left in {@code mappingSlot}; nothing when it failed. */
    public static Action mprotect(String slot, String mappingSlot, int prot) {
        String label = "mprotect " + mappingSlot + " " + Prot.format(prot);
        return Action.single(label, List.of(slot), Step.unlocked(label, r -> {
            if (r.get(mappingSlot) instanceof Result.Value m) {
                r.put(slot, r.device().mprotect((int) m.value(), prot));
            }
        }));
    }

    /** Stores {@code length} bytes of {@code fill} at {@code offset} of a known mapping. */
    public static Action store(String slot, int mapping, long offset, byte fill, int length) {
        String label = "store m" + mapping + "+" + offset + " " + (char) fill;
        return Action.single(label, List.of(slot), Step.unlocked(label, r -> r.put(slot, storeFill(r.device(), mapping, offset, fill, length))));
    }

    /** Stores through the mapping an earlier mmap of the same actor left in {@code mappingSlot}. */
    public static Action storeVia(String slot, String mappingSlot, long offset, byte fill, int length) {
        String label = "store " + mappingSlot + "+" + offset + " " + (char) fill;
        return Action.single(label, List.of(slot), Step.unlocked(label, r -> {
            if (r.get(mappingSlot) instanceof Result.Value m) {
                r.put(slot, storeFill(r.device(), (int) m.value(), offset, fill, length));
            }
        }));
    }

    private static Result storeFill(AshmemDevice d, int mapping, long offset, byte fill, int length) {
        var data = new byte[length];
        Arrays.fill(data, fill);
        return d.store(mapping, offset, data);
    }

    /** close(fd); the release of the last handle is a locked section (CLOSE-RELEASE). */
    public static Action close(String slot, int fd) {
        String label = "close " + fd;
        return Action.single(label, List.of(slot), Step.locked(label, r -> r.put(slot, r.device().close(fd))));
    }

    /**
     * read(fd, pages * P) of one or two pages. The model cuts it as the driver does: the checks under
     * the mutex, the file read outside it with each page taken at its own instant (in either order:
     * CONC-UNLOCKED does not order them), the new position under the mutex again.
     */
    public static Action read(String slot, int fd, int pages) {
        if (pages != 1 && pages != 2) {
            throw new IllegalArgumentException("the model's cut of read() covers one or two pages");
        }
        String label = "read " + fd + ", " + pages + (pages == 1 ? " page" : " pages");
        String pos = slot + "#pos";
        String buf = slot + "#buf";
        var steps = new ArrayList<Step>();
        steps.add(Step.locked(label + " checks", r -> {
            var at = r.device().llseek(fd, 0, Whence.SEEK_CUR); // SEEK-CUR 0: the position, nothing changed
            if (!(at instanceof Result.Value v)) {
                throw new IllegalStateException(label + ": the model's steps assume a file to read, got " + at);
            }
            r.put(pos, v.value());
            r.put(buf, new byte[pages][]);
        }));
        if (pages == 1) {
            steps.add(Step.unlocked(label + " page 0", r -> readPage(r, fd, pos, buf, 0)));
        } else {
            // The first page step takes page 0 or page 1; the second takes the other one.
            steps.add(Step.choice(label + " a page", (r, lowFirst) -> readPage(r, fd, pos, buf, lowFirst ? 0 : 1)));
            steps.add(Step.unlocked(label + " the other page",
                    r -> readPage(r, fd, pos, buf, ((byte[][]) r.get(buf))[0] == null ? 0 : 1)));
        }
        steps.add(Step.locked(label + " position", r -> {
            var out = new ByteArrayOutputStream();
            for (var page : (byte[][]) r.get(buf)) {
                out.writeBytes(page);
            }
            var data = out.toByteArray();
            r.device().llseek(fd, (Long) r.get(pos) + data.length, Whence.SEEK_SET);
            r.put(slot, new Result.Bytes(data));
        }));
        return new Action(label, List.of(slot, pos, buf),
                r -> r.put(slot, r.device().read(fd, pages * r.device().pageSize())), steps);
    }

    private static void readPage(Run r, int fd, String pos, String buf, int page) {
        int size = r.device().pageSize();
        long at = (Long) r.get(pos) + (long) page * size;
        ((byte[][]) r.get(buf))[page] = ((Result.Bytes) r.target().peek(fd, at, size)).data();
    }

    /**
     * A whole shrinker scan, shrinkScan(nrToScan, mayEnterFs = true); its result (freed pages, or -1
     * for SHRINK_STOP) lands in {@code slot}. {@code maxRanges} bounds the LRU ranges it can meet.
     */
    public static Action scan(String slot, long nrToScan, int maxRanges) {
        String label = "shrink_scan " + Long.toUnsignedString(nrToScan);
        String state = slot + "#scan";
        var steps = new ArrayList<Step>();
        steps.add(Step.unlocked(label + " begins", r -> r.put(state, new ScanState(nrToScan))));
        steps.addAll(scanSteps(label, state, maxRanges, (r, freed) -> r.put(slot, Result.ok(freed))));
        return new Action(label, List.of(slot, state),
                r -> r.put(slot, Result.ok(r.device().shrinkScan(nrToScan, true))), steps);
    }

    /**
     * ioctl(fd, PURGE_ALL_CACHES) with CAP_SYS_ADMIN: lruCount read without the mutex (PURGE-RET), then
     * a scan with an unlimited nrToScan (PURGE-SCAN). The ioctl returns the count it read.
     */
    public static Action purgeAll(String slot, int fd, int maxRanges) {
        String label = new Op.Ioctl(fd, new Command.PurgeAllCaches(), Caller.ADMIN).toString(); // "... [cap]"
        String state = slot + "#scan";
        var steps = new ArrayList<Step>();
        steps.add(Step.unlocked(label + " count", r -> {
            r.put(state, new ScanState(Long.MAX_VALUE));
            r.put(slot, Result.ok(r.device().shrinkCount()));
        }));
        steps.addAll(scanSteps(label, state, maxRanges, (r, freed) -> { }));
        return new Action(label, List.of(slot, state),
                r -> r.put(slot, r.device().ioctl(fd, new Command.PurgeAllCaches(), Caller.ADMIN)), steps);
    }

    /** The punch and the release of a range the setup marked, left in flight in {@code punchSlot}. */
    public static Action punchInFlight(String punchSlot) {
        String label = "punch in flight";
        Step punch = new Step(label, Step.Kind.UNLOCKED, r -> true,
                (r, ok) -> r.target().punch((Target.Punch) r.get(punchSlot)));
        Step release = new Step(label + " released", Step.Kind.UNLOCKED, r -> true,
                (r, ok) -> r.target().release((Target.Punch) r.get(punchSlot)));
        return new Action(label, List.of(), r -> {
            punch.effect().accept(r, true);
            release.effect().accept(r, true);
        }, List.of(punch, release));
    }

    /** The state of a scan the model runs step by step. */
    private static final class ScanState {
        Target.Punch pending;
        long freed;
        long nr;
        boolean done;

        ScanState(long nrToScan) {
            this.nr = nrToScan;
        }
    }

    /** What a scan reports when it ends: freed pages, or -1 (SHRINK_STOP). */
    private interface ScanEnd {
        void at(Run run, long result);
    }

    /**
     * SHRINK-TRYLOCK, SHRINK-MARK, the unlocked punch, the in-flight release, the retake and SHRINK-NR,
     * unrolled for at most {@code maxRanges} ranges; a scan that stopped skips the rest.
     */
    private static List<Step> scanSteps(String label, String slot, int maxRanges, ScanEnd end) {
        var steps = new ArrayList<Step>();
        steps.add(Step.tryLock(label + " trylock", r -> !state(r, slot).done, (r, ok) -> {
            var s = state(r, slot);
            if (!ok) {
                s.done = true;
                end.at(r, AshmemDevice.SHRINK_STOP); // SHRINK-TRYLOCK at entry
            } else {
                markNext(r, s, end, false);
            }
        }));
        for (int k = 1; k <= maxRanges; k++) {
            boolean last = k == maxRanges;
            steps.add(new Step(label + " punch " + k, Step.Kind.UNLOCKED, r -> state(r, slot).pending != null,
                    (r, ok) -> r.target().punch(state(r, slot).pending)));
            steps.add(new Step(label + " release " + k, Step.Kind.UNLOCKED, r -> state(r, slot).pending != null,
                    (r, ok) -> {
                        var s = state(r, slot);
                        r.target().release(s.pending);
                        s.pending = null;
                    }));
            steps.add(Step.tryLock(label + " retake " + k, r -> !state(r, slot).done, (r, ok) -> {
                var s = state(r, slot);
                if (!ok) {
                    s.done = true;
                    end.at(r, s.freed); // SHRINK-TRYLOCK after a punch: keep what was freed
                    return;
                }
                s.nr -= 1; // SHRINK-NR, unsigned
                if (s.nr == 0) {
                    s.done = true;
                    end.at(r, s.freed);
                } else {
                    markNext(r, s, end, last);
                }
            }));
        }
        return steps;
    }

    private static void markNext(Run r, ScanState s, ScanEnd end, boolean noMoreRoom) {
        var p = r.target().markHead();
        if (p.isEmpty()) {
            s.done = true;
            end.at(r, s.freed);
            return;
        }
        if (noMoreRoom) {
            throw new IllegalStateException("the scan met more LRU ranges than its steps were unrolled for");
        }
        s.pending = p.get();
        s.freed += p.get().pages(); // SHRINK-RET
    }

    private static ScanState state(Run r, String slot) {
        return (ScanState) r.get(slot);
    }
}
