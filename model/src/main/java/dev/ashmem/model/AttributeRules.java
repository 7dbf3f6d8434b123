package dev.ashmem.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** SET_NAME, GET_NAME, SET_SIZE, GET_SIZE, SET_PROT_MASK, GET_PROT_MASK. */
final class AttributeRules {
    private AttributeRules() {
    }

    /** NAME-EFAULT, NAME-TRUNC, NAME-FILE, NAME-SET. */
    static Result setName(Area area, Command.SetName cmd) {
        if (cmd.badPointer()) {
            return Result.err(Errno.EFAULT); // NAME-EFAULT: the copy-in comes before the mutex
        }
        byte[] user = cmd.bytes();
        int len = 0;
        while (len < user.length && len < Names.NAME_LEN && user[len] != 0) {
            len++;
        }
        byte[] name = Arrays.copyOf(user, Math.min(len, Names.NAME_LEN - 1)); // NAME-TRUNC
        if (area.file != null) {
            return Result.err(Errno.EINVAL); // NAME-FILE
        }
        area.name = name; // NAME-SET
        return Result.ZERO;
    }

    /** GETNAME-DEFAULT, GETNAME-COPY, GETNAME-EFAULT. */
    static Result getName(Area area, Command.GetName cmd) {
        byte[] name = area.name.length == 0 ? Names.DEFAULT.getBytes(StandardCharsets.US_ASCII) : area.name;
        if (cmd.badPointer()) {
            return Result.err(Errno.EFAULT); // GETNAME-EFAULT
        }
        return new Result.Bytes(Arrays.copyOf(name, name.length + 1)); // GETNAME-COPY: name and NUL only
    }

    /** SIZE-FILE, SIZE-SET. */
    static Result setSize(Area area, long size) {
        if (area.file != null) {
            return Result.err(Errno.EINVAL); // SIZE-FILE
        }
        area.size = size; // SIZE-SET: any value, no rounding
        return Result.ZERO;
    }

    /** SIZE-GET, ARITH-LONG: the size_t as the kernel's long (a size of 2^63 or more reads negative). */
    static Result getSize(Area area) {
        return Result.ok(area.size);
    }

    /** PROT-SUBSET, PROT-RIE, PROT-SET. */
    static Result setProtMask(Area area, long prot, Caller caller) {
        if ((area.protMask & prot) != prot) {
            return Result.err(Errno.EINVAL); // PROT-SUBSET
        }
        if ((prot & Prot.READ) != 0 && caller.readImpliesExec()) {
            prot |= Prot.EXEC; // PROT-RIE: after the check, so EXEC can come back
        }
        area.protMask = prot; // PROT-SET
        return Result.ZERO;
    }

    /** PROT-GET. */
    static Result getProtMask(Area area) {
        return Result.ok(area.protMask);
    }
}
