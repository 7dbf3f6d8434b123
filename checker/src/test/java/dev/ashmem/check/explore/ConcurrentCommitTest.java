package dev.ashmem.check.explore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two shared tables of a parallel round, hammered by 8 threads at once: {@link StateStore#insertNew}
 * (compare-and-set of one-long keys, stripe locks for longer ones), and the table's growth by slices
 * ({@link StateStore#rehash}), lose no key and put none twice,
 * even when every key crowds into one small stretch of the table; {@link RoundTable#offer} claims each
 * state exactly once and keeps its smallest tag. (A check-then-write insert, or a plain write of the
 * tag, fails these.)
 */
class ConcurrentCommitTest {
    private static final int THREADS = 8;

    @ParameterizedTest(name = "{0} long(s) per state")
    @ValueSource(ints = {1, 2})
    void concurrentInsertsLoseNoKey(int w) throws Exception {
        var rnd = new SplittableRandom(w);
        var store = new StateStore(w, 1 << 12);
        // Some states stored the sequential way first.
        var old = new ArrayList<long[]>();
        for (int i = 0; i < 500; i++) {
            long[] k = random(rnd, w);
            if (store.add(k, i - 1) >= 0) {
                old.add(k);
            }
        }
        int grown = 0;
        for (int round = 0; round < 4; round++) {
            // New keys, all with their home in one sixteenth of the table as it will be (another each
            // round): long probe runs that the threads fight over. One round adds the all-zero key.
            int n = 4_000;
            var fresh = new ArrayList<long[]>();
            var seen = new HashSet<List<Long>>();
            // The table grown the parallel round's way first: all threads move slices of the old one.
            for (long[] o; (o = store.growFor(n)) != null; ) {
                long[] old0 = o;
                int oldSlots = o.length / w;
                together(id -> store.rehash(old0, oldSlots * id / THREADS, oldSlots * (id + 1) / THREADS));
                grown++;
            }
            store.reserve(n);
            int slots = slotsOf(store, w);
            int from = slotsOf(store, w) / 16 * (5 * round % 16);
            if (round == 1) {
                fresh.add(new long[w]);
                seen.add(asList(new long[w]));
            }
            while (fresh.size() < n) {
                long[] k = random(rnd, w);
                long h = StateStore.hash(k, w);
                int home = (int) (((h >>> 32) * slots) >>> 32);
                if (home >= from && home < from + slots / 16 && store.probe(k) >= 0 && seen.add(asList(k))) {
                    fresh.add(k);
                }
            }
            int base = store.size();
            together(id -> {
                for (int i = id; i < n; i += THREADS) {
                    long[] k = fresh.get(i);
                    store.put(base + i, k, i);
                    store.insertNew(k, StateStore.hash(k, w));
                }
            });
            store.commit(n);
            assertThat(store.size()).isEqualTo(base + n);
            long[] got = new long[w];
            int missing = 0;
            int wrong = 0;
            for (int i = 0; i < n; i++) {
                missing += store.probe(fresh.get(i)) == -1 ? 0 : 1;
                store.get(base + i, got);
                wrong += java.util.Arrays.equals(got, fresh.get(i)) && store.parent(base + i) == i ? 0 : 1;
            }
            for (var k : old) {
                missing += store.probe(k) == -1 ? 0 : 1;
            }
            assertThat(missing).as("round %d: keys not found", round).isZero();
            assertThat(wrong).as("round %d: states or parents not as put", round).isZero();
            // No key twice, none lost: the table holds exactly the stored states (the zero key aside).
            assertThat(occupied(store, w)).as("round %d: occupied slots", round).isEqualTo(store.size() - (round >= 1 ? 1 : 0));
            old.addAll(fresh);
        }
        assertThat(grown).as("parallel growths").isGreaterThanOrEqualTo(2);
        // The sequential path goes on from there.
        long[] k = random(rnd, w);
        assertThat(store.add(k, 0)).isEqualTo(store.size() - 1);
        assertThat(store.add(k, 0)).isEqualTo(-1);
    }

    @ParameterizedTest(name = "{0} long(s) per state")
    @ValueSource(ints = {1, 2})
    void roundTableClaimsOnceAndKeepsTheSmallestTag(int w) throws Exception {
        var rnd = new SplittableRandom(7 + w);
        int keys = 3_000;
        var table = new RoundTable(w, 4096);
        long[][] key = new long[keys][];
        for (int i = 0; i < keys; i++) {
            key[i] = random(rnd, w);
        }
        // Each thread offers every key with tags of its own (thread + 1 + THREADS * j).
        int offers = 4;
        var claims = new java.util.concurrent.atomic.AtomicIntegerArray(keys);
        together(id -> {
            int[] slot = new int[1];
            for (int j = offers - 1; j >= 0; j--) {
                for (int i = (id * 97) % keys, c = 0; c < keys; c++, i = (i + 1) % keys) {
                    long tag = RoundTable.tag(id + THREADS * j, i % 100);
                    int r = table.offer(key[i], StateStore.hash(key[i], w), tag, slot);
                    assertThat(r).isNotEqualTo(RoundTable.FULL);
                    if (r == RoundTable.CLAIMED) {
                        claims.incrementAndGet(i);
                        table.publish(slot[0], tag);
                    }
                }
            }
        });
        for (int i = 0; i < keys; i++) {
            assertThat(claims.get(i)).as("claims of key %d", i).isEqualTo(1);
        }
        // Counted per parent, placed and sorted: every key once, with the smallest tag (parent 0).
        int[] perParent = new int[THREADS * offers];
        table.count(0, table.slots(), perParent);
        assertThat(perParent[0]).isEqualTo(keys);
        int[] start = new int[perParent.length + 1];
        for (int p = 0; p < perParent.length; p++) {
            start[p + 1] = start[p] + perParent[p];
        }
        int[] next = java.util.Arrays.copyOf(start, perParent.length);
        long[] order = new long[keys];
        table.place(0, table.slots(), next, order);
        RoundTable.sortGroups(order, start, 0, perParent.length);
        long[] got = new long[w];
        var found = new HashSet<List<Long>>();
        for (int i = 0; i < keys; i++) {
            assertThat(RoundTable.parentOffset(order[i])).isZero();
            if (i > 0) {
                assertThat(order[i]).isGreaterThan(order[i - 1]);
            }
            table.key(order[i], got);
            found.add(asList(got));
        }
        assertThat(found).hasSize(keys);
    }

    private static long[] random(SplittableRandom rnd, int w) {
        long[] k = new long[w];
        for (int i = 0; i < w; i++) {
            k[i] = rnd.nextLong();
        }
        return k;
    }

    private static List<Long> asList(long[] k) {
        var l = new ArrayList<Long>();
        for (long v : k) {
            l.add(v);
        }
        return l;
    }

    private static long[] table(StateStore store) {
        try {
            var f = StateStore.class.getDeclaredField("table");
            f.setAccessible(true);
            return (long[]) f.get(store);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static int slotsOf(StateStore store, int w) {
        return table(store).length / w;
    }

    private static int occupied(StateStore store, int w) {
        long[] t = table(store);
        int n = 0;
        for (int s = 0; s < t.length / w; s++) {
            for (int i = 0; i < w; i++) {
                if (t[s * w + i] != 0) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    /** A body run by THREADS threads started together (id 0..THREADS-1); any throwable fails the test. */
    private static void together(Body body) throws InterruptedException {
        var go = new CyclicBarrier(THREADS);
        var threads = new ArrayList<Thread>();
        var failures = new ArrayList<Throwable>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            var th = new Thread(() -> {
                try {
                    go.await();
                    body.run(id);
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            threads.add(th);
            th.start();
        }
        for (var th : threads) {
            th.join();
        }
        assertThat(failures).isEmpty();
    }

    private interface Body {
        void run(int id) throws Exception;
    }
}
