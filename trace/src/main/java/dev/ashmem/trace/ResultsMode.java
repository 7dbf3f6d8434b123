package dev.ashmem.trace;

/**
 * Whose view of an ioctl's return value a trace records (spec ARITH-LONG): the kernel's 64-bit long, or
 * the int that {@code int ioctl(...)} hands to user space, where GET_SIZE of 2 GiB or more and large
 * PURGE_ALL_CACHES counts arrive truncated to 32 bits.
 */
public enum ResultsMode {
    KERNEL,
    USER;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** An ioctl return value as this view records it. */
    public long ioctlValue(long kernelValue) {
        return this == USER ? (long) (int) kernelValue : kernelValue;
    }
}
