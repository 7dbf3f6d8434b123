package dev.ashmem.stress.broken;

import dev.ashmem.impl.OffHeapAshmem;

/**
 * TEST FIXTURE. Driver bug 6: PIN, UNPIN and GET_PIN_STATUS do not wait for in-flight hole punches
 * (PINARG-WAIT missing), so a punch that started before PIN can wipe data written after PIN returned.
 */
public class NoInflightWait extends OffHeapAshmem {
    public NoInflightWait(int pageSize) {
        super(pageSize);
    }

    @Override
    protected void awaitPunchesDrained() {
        // The bug: go ahead while a punch is still in flight.
    }
}
