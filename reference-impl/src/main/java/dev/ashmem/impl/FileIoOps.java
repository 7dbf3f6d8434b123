package dev.ashmem.impl;

import static dev.ashmem.impl.DeviceState.err;
import static dev.ashmem.impl.DeviceState.osError;

import dev.ashmem.impl.file.BackingFile;
import dev.ashmem.impl.sys.SysException;
import dev.ashmem.model.ByteRuns;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Result;
import dev.ashmem.model.Whence;

/** read() and llseek() of a handle, forwarded to the memfd; the counterpart of the model's FileIo. */
final class FileIoOps {
    private final DeviceState s;
    private final HandleOps handleOps;

    FileIoOps(DeviceState s, HandleOps handleOps) {
        this.s = s;
        this.handleOps = handleOps;
    }

    /** READ-EOF, READ-NOFILE, READ-DATA; the data is read outside the mutex, as the driver does. */
    Result read(int fd, int count) {
        var area = s.handles.acquire(fd);
        if (area == null) {
            return err(Errno.EBADF); // HANDLE-EBADF
        }
        try {
            if (count < 0) {
                return err(Errno.EFAULT); // READ-SYSCALL: access_ok refuses a size_t above 2^63
            }
            BackingFile file;
            long pos;
            s.mutex.lock();
            try {
                if (area.position + count < 0) {
                    return err(Errno.EINVAL); // READ-SYSCALL: rw_verify_area refuses an end past 2^63 - 1
                }
                if (area.size == 0) {
                    return new Result.Bytes(new byte[0]); // READ-EOF
                }
                file = area.file;
                if (file == null) {
                    return err(Errno.EBADF); // READ-NOFILE
                }
                pos = area.position;
            } finally {
                s.mutex.unlock();
            }
            if (pos >= file.size()) {
                return new Result.Bytes(new byte[0]);
            }
            int n = (int) Math.min(Math.min(count, OffHeapAshmem.MAX_RW_COUNT), file.size() - pos);
            ByteRuns data;
            try {
                data = file.read(pos, n); // READ-DATA: holes read as zeros and stay holes
            } catch (SysException e) {
                return osError("read", e);
            }
            if (data.length() > 0) {
                s.mutex.lock();
                try {
                    area.position = pos + data.length(); // SEEK-POS
                } finally {
                    s.mutex.unlock();
                }
            }
            return new Result.Bytes(data);
        } finally {
            handleOps.put(area);
        }
    }

    /** SEEK-NOSIZE, SEEK-NOFILE, SEEK-SET, SEEK-CUR, SEEK-END, SEEK-DATA, SEEK-HOLE, SEEK-WHENCE, SEEK-POS. */
    Result llseek(int fd, long offset, int whence) {
        var area = s.handles.acquire(fd);
        if (area == null) {
            return err(Errno.EBADF); // HANDLE-EBADF
        }
        if (Integer.compareUnsigned(whence, Whence.SEEK_HOLE) > 0) {
            handleOps.put(area);
            return err(Errno.EINVAL); // SEEK-WHENCE: the system call checks it before the driver
        }
        s.mutex.lock();
        try {
            if (area.size == 0) {
                return err(Errno.EINVAL); // SEEK-NOSIZE
            }
            var file = area.file;
            if (file == null) {
                return err(Errno.EBADF); // SEEK-NOFILE
            }
            long target;
            switch (whence) {
                case Whence.SEEK_SET -> target = offset; // SEEK-SET
                case Whence.SEEK_CUR -> {
                    if (offset == 0) {
                        return Result.ok(area.position); // SEEK-CUR: a pure query, no check
                    }
                    target = area.position + offset;
                }
                case Whence.SEEK_END -> target = file.size() + offset; // SEEK-END
                case Whence.SEEK_DATA, Whence.SEEK_HOLE -> {
                    if (offset < 0 || offset >= file.size()) {
                        return err(Errno.ENXIO);
                    }
                    long found = whence == Whence.SEEK_DATA ? file.seekData(offset) : file.seekHole(offset);
                    if (found < 0) {
                        return err(Errno.ENXIO);
                    }
                    area.position = found;
                    return Result.ok(found);
                }
                default -> throw new AssertionError(whence);
            }
            if (target < 0) {
                return err(Errno.EINVAL); // beyond Abi.MAX_LFS_FILESIZE or negative
            }
            area.position = target;
            return Result.ok(target);
        } finally {
            s.mutex.unlock();
            handleOps.put(area);
        }
    }
}
