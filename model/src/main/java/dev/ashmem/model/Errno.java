package dev.ashmem.model;

/** The errno values the driver and the syscalls around it return (spec: "Error codes"). */
public enum Errno {
    EPERM(1),
    ENXIO(6),
    EBADF(9),
    ENOMEM(12),
    EACCES(13),
    EFAULT(14),
    EINVAL(22),
    ENOTTY(25),
    EOVERFLOW(75);

    private final int number;

    Errno(int number) {
        this.number = number;
    }

    /** The positive errno number; the kernel returns its negation. */
    public int number() {
        return number;
    }

    public static Errno ofNumber(int number) {
        for (var e : values()) {
            if (e.number == number) {
                return e;
            }
        }
        throw new IllegalArgumentException("no Errno with number " + number);
    }
}
