package dev.ashmem.check.kernel;

import dev.ashmem.model.Errno;
import dev.ashmem.model.PendingPunch;
import dev.ashmem.model.Result;

/** The kernel's result of its last step, described and compared with the model's (in the model's types). */
public final class KernelResults {
    private KernelResults() {
    }

    /** The kernel's last result in the trace's notation. */
    public static String describe(Kernel k) {
        return switch (k.resKind) {
            case Kernel.RES_VALUE -> Long.toString(k.resVal);
            case Kernel.RES_ERRNO -> "-" + Errno.ofNumber((int) k.resVal).name();
            case Kernel.RES_FAULT -> k.resVal == Kernel.SIGSEGV ? "SIGSEGV" : "SIGBUS";
            case Kernel.RES_FD -> "<new handle>";
            case Kernel.RES_MAP -> "<new mapping id>";
            case Kernel.RES_PUNCH -> "punch of pages [" + k.resVal + ".." + k.resAux + "]";
            default -> "<no value>";
        };
    }

    /** The kernel's last driver call returned what the model's did (handle and mapping numbers are the device's). */
    public static boolean sameCall(Kernel k, Result r) {
        return switch (k.resKind) {
            case Kernel.RES_VALUE -> r.equals(Result.ok(k.resVal));
            case Kernel.RES_ERRNO -> r.equals(Result.err(Errno.ofNumber((int) k.resVal)));
            case Kernel.RES_FAULT -> r.equals(new Result.Fault(k.resVal == Kernel.SIGSEGV ? Result.Signal.SIGSEGV : Result.Signal.SIGBUS));
            case Kernel.RES_FD, Kernel.RES_MAP -> r instanceof Result.Value v && v.value() >= 0;
            default -> false;
        };
    }

    /** The kernel's last shrinker mark chose the punch the model's did. */
    public static boolean sameMark(Kernel k, PendingPunch p) {
        long P = k.P;
        return k.resKind == Kernel.RES_PUNCH && p.start() == k.resVal * P && p.end() == (k.resAux + 1) * P
                && p.pages() == k.resAux - k.resVal + 1;
    }

    /** The kernel's last step (a shrinker's punch or release) returned no value, as the model's does. */
    public static boolean noValue(Kernel k) {
        return k.resKind == Kernel.RES_NONE;
    }
}
