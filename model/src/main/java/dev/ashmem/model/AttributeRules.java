package dev.ashmem.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** SET_NAME, GET_NAME, SET_SIZE, GET_SIZE, SET_PROT_MASK, GET_PROT_MASK. */
final class AttributeRules {
    private AttributeRules() {
    }

    /** NAME-EFAULT, NAME-TRUNC, NAME-FILE, NAME-SET. */
    static Result setName(ModelState s, Area area, Command.SetName cmd) {
        if (cmd.badPointer()) {
            return s.reject("NAME-EFAULT", Errno.EFAULT); // the copy-in comes before the mutex
        }
        byte[] user = cmd.bytes();
        int len = 0;
        while (len < user.length && len < Names.NAME_LEN && user[len] != 0) {
            len++;
        }
        byte[] name = Arrays.copyOf(user, Math.min(len, Names.NAME_LEN - 1));
        boolean terminated = name.length < user.length && user[name.length] == 0;
        if (user.length > name.length + (terminated ? 1 : 0)) {
            s.fire("NAME-TRUNC"); // bytes dropped: after the first NUL, or past the 255th
        }
        if (area.file != null) {
            return s.reject("NAME-FILE", Errno.EINVAL);
        }
        area.name = name;
        s.fire("NAME-SET");
        return Result.ZERO;
    }

    /** GETNAME-DEFAULT, GETNAME-COPY, GETNAME-EFAULT. */
    static Result getName(ModelState s, Area area, Command.GetName cmd) {
        byte[] name = area.name;
        if (name.length == 0) {
            s.fire("GETNAME-DEFAULT");
            name = Names.DEFAULT.getBytes(StandardCharsets.US_ASCII);
        }
        if (cmd.badPointer()) {
            return s.reject("GETNAME-EFAULT", Errno.EFAULT);
        }
        s.fire("GETNAME-COPY"); // the name and its NUL only
        return new Result.Bytes(Arrays.copyOf(name, name.length + 1));
    }

    /** SIZE-FILE, SIZE-SET. */
    static Result setSize(ModelState s, Area area, long size) {
        if (area.file != null) {
            return s.reject("SIZE-FILE", Errno.EINVAL);
        }
        area.size = size; // any value, no rounding
        s.fire("SIZE-SET");
        return Result.ZERO;
    }

    /** SIZE-GET, ARITH-LONG: the size_t as the kernel's long (a size of 2^63 or more reads negative). */
    static Result getSize(ModelState s, Area area) {
        s.fire("SIZE-GET");
        if (area.size < 0) {
            s.fire("ARITH-LONG");
        }
        return Result.ok(area.size);
    }

    /** PROT-SUBSET, PROT-RIE, PROT-SET. */
    static Result setProtMask(ModelState s, Area area, long prot, Caller caller) {
        if ((area.protMask & prot) != prot) {
            return s.reject("PROT-SUBSET", Errno.EINVAL);
        }
        if ((prot & Prot.READ) != 0 && caller.readImpliesExec()) {
            prot |= Prot.EXEC; // after the check, so EXEC can come back
            s.fire("PROT-RIE");
            s.fire("CTX-CALLER");
        }
        area.protMask = prot;
        s.fire("PROT-SET");
        return Result.ZERO;
    }

    /** PROT-GET. */
    static Result getProtMask(ModelState s, Area area) {
        s.fire("PROT-GET");
        return Result.ok(area.protMask);
    }
}
