package dev.ashmem.check;

import dev.ashmem.model.Errno;
import dev.ashmem.model.Result;

/** Compares the kernel's result of a step with the model's. */
final class KernelResults {
    private KernelResults() {
    }

    /** The kernel's last result in the trace's notation. */
    static String describe(Kernel k) {
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

    /** Null when the kernel's last result is the model's step result, else the kernel's result. */
    static String disagreement(Kernel k, TraceStep step, ModelCursor after, Action a) {
        boolean same = switch (step) {
            case TraceStep.Call c -> switch (k.resKind) {
                case Kernel.RES_VALUE -> c.result().equals(Result.ok(k.resVal));
                case Kernel.RES_ERRNO -> c.result().equals(Result.err(Errno.ofNumber((int) k.resVal)));
                case Kernel.RES_FAULT -> c.result().equals(new Result.Fault(k.resVal == Kernel.SIGSEGV ? Result.Signal.SIGSEGV : Result.Signal.SIGBUS));
                case Kernel.RES_FD, Kernel.RES_MAP -> c.result() instanceof Result.Value v && v.value() >= 0;
                default -> false;
            };
            case TraceStep.Shrinker s -> switch (s.step()) {
                case "mark" -> {
                    var p = after.pending(a.slot());
                    long P = k.P;
                    yield k.resKind == Kernel.RES_PUNCH && p.start() == k.resVal * P && p.end() == (k.resAux + 1) * P
                            && p.pages() == k.resAux - k.resVal + 1;
                }
                default -> k.resKind == Kernel.RES_NONE;
            };
        };
        return same ? null : describe(k);
    }
}
