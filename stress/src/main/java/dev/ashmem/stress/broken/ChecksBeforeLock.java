package dev.ashmem.stress.broken;

import dev.ashmem.impl.OffHeapAshmem;

/**
 * TEST FIXTURE. Driver bug 3: PIN, UNPIN and GET_PIN_STATUS check the file and their argument against
 * the size before taking the mutex, racing mmap and SET_SIZE.
 */
public class ChecksBeforeLock extends OffHeapAshmem {
    public ChecksBeforeLock(int pageSize) {
        super(pageSize);
    }

    @Override
    protected boolean pinChecksUnderMutex() {
        return false;
    }
}
