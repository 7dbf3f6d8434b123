package dev.ashmem.impl;

import static dev.ashmem.impl.DeviceState.err;

import dev.ashmem.impl.file.BackingFile;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Result;

/**
 * open, dup and close: handles onto areas, and the release of an area with its last reference; the
 * counterpart of the model's HandleRules. Areas are reference counted like struct file (fget/fput).
 */
final class HandleOps {
    private final DeviceState s;

    HandleOps(DeviceState s) {
        this.s = s;
    }

    Result open() {
        int fd = s.handles.open(id -> {
            var area = new Area(id, s.lru, s.decisions);
            s.areas.put(id, area);
            return area;
        });
        if (fd < 0) {
            throw new IllegalStateException("device is closed");
        }
        return Result.ok(fd); // OPEN, HANDLE-NUM
    }

    Result dup(int fd) {
        var area = s.handles.acquire(fd);
        if (area == null) {
            return err(Errno.EBADF); // HANDLE-EBADF
        }
        try {
            int dup = s.handles.dup(area);
            return dup < 0 ? err(Errno.EBADF) : Result.ok(dup); // DUP; EBADF: the device's close took every handle
        } finally {
            put(area);
        }
    }

    Result close(int fd) {
        var area = s.handles.remove(fd);
        if (area == null) {
            return err(Errno.EBADF); // HANDLE-EBADF
        }
        put(area); // CLOSE-REF: only the last reference releases
        return Result.ZERO;
    }

    /** fput: the last reference releases the area. */
    void put(Area area) {
        if (area.refs.decrementAndGet() == 0) {
            release(area);
        }
    }

    /** ashmem_release(): CLOSE-RELEASE; mappings keep their own file reference (CLOSE-MAPPINGS). */
    private void release(Area area) {
        BackingFile file;
        s.mutex.lock();
        try {
            if (s.decisions.releaseDropsRanges()) {
                area.unpinned.clear();
            }
            s.areas.remove(area.id);
            file = area.file;
        } finally {
            s.mutex.unlock();
        }
        if (file != null) {
            file.release();
        }
    }
}
