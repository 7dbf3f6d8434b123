package dev.ashmem.check.kernel;

/** The kinds of transition the kernel implements. */
public enum ActionKind {
    PIN, UNPIN, STATUS, SCAN, PURGE, MMAP, MUNMAP, MPROTECT, WRITE, CLOSE, OPEN, PROT, SIZE,
    /** The shrinker's locked step: mark the LRU head purged, unlink it, count it in flight. */
    MARK,
    /** The shrinker's unlocked step: the hole punch. */
    PUNCH,
    /** The shrinker's last step: the in-flight count drops. */
    RELEASE;

    boolean isPinFamily() {
        return this == PIN || this == UNPIN || this == STATUS;
    }

    boolean isShrinkerStep() {
        return this == MARK || this == PUNCH || this == RELEASE;
    }
}
