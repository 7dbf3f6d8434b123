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
 * The two shared tables of a parallel round, hammered by 8 threads at once: the inserts of 8 stretches
 * of the store's table ({@link StateStore#insertStretch}, plain writes, the keys that do not fit left to
 * one thread) and the table's growth by slices ({@link StateStore#rehash}) lose no key and put none
 * twice, even when every key crowds into one small part of the table; {@link RoundTable#offer} claims
 * each state exactly once and keeps its smallest tag. (A probe that runs past its stretch, a key moved
 * to a stretch that does not hold its home, or a plain write of the tag, fails these.)
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
        var to = new KeyList[THREADS][THREADS];
        var left = new KeyList[THREADS];
        for (int i = 0; i < THREADS; i++) {
            left[i] = new KeyList(w);
            for (int j = 0; j < THREADS; j++) {
                to[i][j] = new KeyList(w);
            }
        }
        int leftByGrowth = 0;
        int leftByInserts = 0;
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
                together(id -> store.rehash(old0, oldSlots * id / THREADS, oldSlots * (id + 1) / THREADS, id, THREADS, left[id]));
                leftByGrowth += addLeft(store, left, w);
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
                    long h = StateStore.hash(k, w);
                    to[id][store.stretchOf(h, THREADS)].add(k, h);
                }
            });
            together(id -> {
                for (KeyList[] mine : to) {
                    store.insertStretch(mine[id], id, THREADS, left[id]);
                    mine[id].clear();
                }
            });
            leftByInserts += addLeft(store, left, w);
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
        // Both ways to the main thread were taken: keys whose probe ran past their stretch, and keys
        // of a slice whose home lies in another stretch.
        assertThat(leftByInserts).as("keys left over by the stretches' inserts").isPositive();
        assertThat(leftByGrowth).as("keys left over by the growth").isPositive();
        // The sequential path goes on from there.
        long[] k = random(rnd, w);
        assertThat(store.add(k, 0)).isEqualTo(store.size() - 1);
        assertThat(store.add(k, 0)).isEqualTo(-1);
    }

    /**
     * A stretch's inserts write its own slots only: keys crowded at the end of stretch 0 of 2 fill it to
     * its last slot and the rest is left over, the slots of stretch 1 untouched (a race between
     * two stretches is seldom caught in the act, so the bound is checked on one thread).
     */
    @ParameterizedTest(name = "{0} long(s) per state")
    @ValueSource(ints = {1, 2})
    void aStretchWritesItsOwnSlotsOnly(int w) {
        var rnd = new SplittableRandom(11 + w);
        var store = new StateStore(w, 1 << 12);
        store.reserve(100);
        int slots = slotsOf(store, w);
        int end = (slots + 1) / 2; // stretch 0 of 2 is [0, end)
        var keys = new KeyList(w);
        var all = new ArrayList<long[]>();
        while (all.size() < 40) {
            long[] k = random(rnd, w);
            long h = StateStore.hash(k, w);
            int home = (int) (((h >>> 32) * slots) >>> 32);
            if (home >= end - 20 && home < end) {
                assertThat(store.stretchOf(h, 2)).isZero();
                keys.add(k, h);
                all.add(k);
            }
        }
        var left = new KeyList[] {new KeyList(w)};
        store.insertStretch(keys, 0, 2, left[0]);
        long[] t = table(store);
        int put = 0;
        for (int s = end - 20; s < end; s++) {
            put += (t[s * w] | t[s * w + w - 1]) != 0 ? 1 : 0;
        }
        for (int s = end; s < end + 20; s++) {
            assertThat(t[s * w] | t[s * w + w - 1]).as("slot %d of stretch 1", s).isZero();
        }
        assertThat(t[(end - 1) * w] | t[(end - 1) * w + w - 1]).as("the stretch's last slot").isNotZero();
        assertThat(left[0].size()).as("keys left over").isPositive().isEqualTo(40 - put);
        addLeft(store, left, w);
        for (long[] k : all) {
            assertThat(store.probe(k)).isEqualTo(-1);
        }
    }

    /**
     * Claims are counted a batch at a time per thread, yet the table answers FULL only once the claims
     * reach its limit, and never lets them fill every slot: 8 threads offer new keys until each is told
     * FULL.
     */
    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.Timeout(20)
    void aFullTableIsFullAtItsLimitAndKeepsFreeSlots() throws Exception {
        int slots = 4096;
        int limit = (int) (slots * RoundTable.LOAD);
        var table = new RoundTable(1, slots, THREADS);
        var claimed = new java.util.concurrent.atomic.AtomicInteger();
        together(id -> {
            var rnd = new SplittableRandom(100 + id);
            var mine = new RoundTable.Claims();
            while (true) {
                long[] k = {rnd.nextLong() | 1};
                int r = table.offer(k, StateStore.hash(k, 1), RoundTable.tag(id, 0), mine);
                if (r == RoundTable.FULL) {
                    return;
                }
                if (r == RoundTable.CLAIMED) {
                    claimed.incrementAndGet();
                    table.publish(mine.slot, RoundTable.tag(id, 0));
                }
            }
        });
        assertThat(claimed.get()).as("claims when every thread is told FULL").isGreaterThanOrEqualTo(limit).isLessThan(slots);
    }

    /**
     * Keys spread over the table stay in their stretches: the main thread's serial share is a few keys,
     * not the round (handing every key over, or to one member, would still store them all, only on one
     * thread).
     */
    @ParameterizedTest(name = "{0} long(s) per state")
    @ValueSource(ints = {1, 2})
    void keysSpreadOverTheTableStayInTheirStretches(int w) throws Exception {
        var rnd = new SplittableRandom(31 + w);
        var store = new StateStore(w, 1 << 12);
        int n = 20_000;
        store.reserve(n);
        var fresh = new ArrayList<long[]>();
        var to = new KeyList[THREADS];
        var left = new KeyList[THREADS];
        for (int i = 0; i < THREADS; i++) {
            to[i] = new KeyList(w);
            left[i] = new KeyList(w);
        }
        var seen = new HashSet<List<Long>>();
        while (fresh.size() < n) {
            long[] k = random(rnd, w);
            if (seen.add(asList(k))) {
                long h = StateStore.hash(k, w);
                to[store.stretchOf(h, THREADS)].add(k, h);
                fresh.add(k);
            }
        }
        for (KeyList l : to) {
            assertThat(l.size()).as("keys per stretch").isBetween(n / THREADS / 2, n / THREADS * 2);
        }
        together(id -> store.insertStretch(to[id], id, THREADS, left[id]));
        int leftOver = addLeft(store, left, w);
        assertThat(leftOver).as("keys left to the main thread").isLessThan(n / 100);
        for (long[] k : fresh) {
            assertThat(store.probe(k)).isEqualTo(-1);
        }
        assertThat(occupied(store, w)).isEqualTo(n);
    }

    /** On one thread every claim is counted at once: exactly the limit's claims, then FULL. */
    @org.junit.jupiter.api.Test
    void oneThreadIsToldFullAtTheLimitExactly() {
        int slots = 4096;
        int limit = (int) (slots * RoundTable.LOAD);
        var table = new RoundTable(1, slots, THREADS);
        var mine = new RoundTable.Claims();
        var rnd = new SplittableRandom(5);
        int claimed = 0;
        for (int offers = 0; offers < slots; offers++) {
            long[] k = {rnd.nextLong() | 1};
            int r = table.offer(k, StateStore.hash(k, 1), RoundTable.tag(offers, 0), mine);
            if (r == RoundTable.FULL) {
                break;
            }
            assertThat(r).isEqualTo(RoundTable.CLAIMED);
            table.publish(mine.slot, RoundTable.tag(offers, 0));
            claimed++;
        }
        assertThat(claimed).isEqualTo(limit);
    }

    /** The main thread's share: adds the keys left over and empties the lists; returns how many. */
    private static int addLeft(StateStore store, KeyList[] left, int w) {
        long[] k = new long[w];
        int n = 0;
        for (KeyList l : left) {
            for (int i = 0; i < l.size(); i++) {
                l.key(i, k);
                store.insertLeft(k, l.hash(i));
            }
            n += l.size();
            l.clear();
        }
        return n;
    }

    @ParameterizedTest(name = "{0} long(s) per state")
    @ValueSource(ints = {1, 2})
    void roundTableClaimsOnceAndKeepsTheSmallestTag(int w) throws Exception {
        var rnd = new SplittableRandom(7 + w);
        int keys = 3_000;
        var table = new RoundTable(w, 4096, THREADS);
        long[][] key = new long[keys][];
        for (int i = 0; i < keys; i++) {
            key[i] = random(rnd, w);
        }
        // Each thread offers every key with tags of its own (thread + 1 + THREADS * j).
        int offers = 4;
        var claims = new java.util.concurrent.atomic.AtomicIntegerArray(keys);
        together(id -> {
            var slot = new RoundTable.Claims();
            for (int j = offers - 1; j >= 0; j--) {
                for (int i = (id * 97) % keys, c = 0; c < keys; c++, i = (i + 1) % keys) {
                    long tag = RoundTable.tag(id + THREADS * j, i % 100);
                    int r = table.offer(key[i], StateStore.hash(key[i], w), tag, slot);
                    assertThat(r).isNotEqualTo(RoundTable.FULL);
                    if (r == RoundTable.CLAIMED) {
                        claims.incrementAndGet(i);
                        table.publish(slot.slot, tag);
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
