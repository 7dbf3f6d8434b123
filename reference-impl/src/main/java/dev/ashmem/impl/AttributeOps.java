package dev.ashmem.impl;

import static dev.ashmem.impl.DeviceState.err;

import dev.ashmem.impl.file.BackingFile;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Names;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SET_NAME, GET_NAME, SET_SIZE, SET_PROT_MASK (GET_SIZE and GET_PROT_MASK read the area unlocked in the
 * façade's dispatch); the counterpart of the model's AttributeRules.
 */
final class AttributeOps {
    private final DeviceState s;

    AttributeOps(DeviceState s) {
        this.s = s;
    }

    /** NAME-EFAULT, NAME-TRUNC, NAME-FILE, NAME-SET. */
    Result setName(Area area, Command.SetName cmd) {
        if (cmd.badPointer()) {
            return err(Errno.EFAULT); // NAME-EFAULT: the copy-in precedes the mutex
        }
        byte[] user = cmd.bytes();
        int len = 0;
        while (len < user.length && len < Names.NAME_LEN && user[len] != 0) {
            len++;
        }
        byte[] name = Arrays.copyOf(user, Math.min(len, Names.NAME_LEN - 1)); // NAME-TRUNC
        s.mutex.lock();
        try {
            if (!s.decisions.setNameAllowed(area.file != null)) {
                return err(Errno.EINVAL); // NAME-FILE
            }
            area.name = name; // NAME-SET
            return Result.ZERO;
        } finally {
            s.mutex.unlock();
        }
    }

    /** GETNAME-DEFAULT, GETNAME-COPY, GETNAME-EFAULT. */
    Result getName(Area area, Command.GetName cmd) {
        byte[] name;
        s.mutex.lock();
        try {
            name = area.name.length == 0 ? Names.DEFAULT.getBytes(StandardCharsets.US_ASCII) : area.name;
        } finally {
            s.mutex.unlock();
        }
        if (cmd.badPointer()) {
            return err(Errno.EFAULT); // GETNAME-EFAULT: the copy-out happens after the lock
        }
        return new Result.Bytes(Arrays.copyOf(name, s.decisions.nameCopyOutLength(name.length))); // GETNAME-COPY
    }

    /** SIZE-FILE, SIZE-SET. */
    Result setSize(Area area, long size) {
        s.mutex.lock();
        try {
            if (!s.decisions.setSizeAllowed(area.file != null)) {
                return err(Errno.EINVAL); // SIZE-FILE
            }
            area.size = size; // SIZE-SET: any value, no rounding
            return Result.ZERO;
        } finally {
            s.mutex.unlock();
        }
    }

    /** PROT-SUBSET, PROT-RIE, PROT-SET; a mask without WRITE seals an existing file. */
    Result setProtMask(Area area, long prot, Caller caller) {
        boolean rie = (prot & Prot.READ) != 0 && caller.readImpliesExec();
        s.mmapLock.readLock().lock(); // the seal needs the mappings; lock order: mmapLock, then the mutex
        s.mutex.lock();
        try {
            if (rie && s.decisions.readImpliesExecBeforeCheck()) {
                prot |= Prot.EXEC;
            }
            if (!s.decisions.protMaskChangeAllowed(area.protMask, prot)) {
                return err(Errno.EINVAL); // PROT-SUBSET
            }
            if (rie && !s.decisions.readImpliesExecBeforeCheck()) {
                prot |= Prot.EXEC; // PROT-RIE: after the check, so EXEC can come back
            }
            area.protMask = prot; // PROT-SET
            var file = area.file;
            if (file != null && (prot & Prot.WRITE) == 0 && !file.sealed()) {
                file.sealAgainstWrites(writableRanges(file)); // no other process may map it writable now
            }
            return Result.ZERO;
        } finally {
            s.mutex.unlock();
            s.mmapLock.readLock().unlock();
        }
    }

    /** File byte ranges {start, end} that this process's shared mappings of {@code file} may still write. */
    private List<long[]> writableRanges(BackingFile file) {
        var out = new ArrayList<long[]>();
        for (var m : s.mappings.values()) {
            if (m.file == file && m.shared && (m.mayProt & Prot.WRITE) != 0) {
                out.add(new long[] {m.offset, m.offset + m.length});
            }
        }
        return out;
    }
}
