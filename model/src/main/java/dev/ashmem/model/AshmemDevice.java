package dev.ashmem.model;

/**
 * The driver-shaped surface shared by the model, the reference implementation and any outside
 * implementation. Arguments are the raw values of the ioctl/mmap/read interface (u32 and u64 carried
 * in Java longs, so misalignment and overflow can be expressed); results are values carrying the return
 * code or the errno. Handles and mapping ids are small integers chosen by the device (spec HANDLE-NUM,
 * MMAP-ID); caller context is explicit.
 *
 * <p>Java-level misuse (a null argument, a value outside its C type) throws; everything the kernel
 * could see answers with a {@link Result}. Its shrinker (count and scan) is a {@link Shrinker}.
 */
public interface AshmemDevice extends AutoCloseable, Shrinker {

    /** Page size P in bytes (spec CTX-PAGE). */
    int pageSize();

    /** open("/dev/ashmem"): a new area; returns its handle. */
    Result open();

    /** dup(fd): a second handle on the same area. */
    Result dup(int fd);

    /** close(fd): the area is released when its last handle goes. */
    Result close(int fd);

    /** ioctl(fd, cmd, arg). */
    Result ioctl(int fd, Command cmd, Caller caller);

    /** mmap(NULL, length, prot, shared ? MAP_SHARED : MAP_PRIVATE, fd, offset): returns a mapping id. */
    Result mmap(int fd, long length, int prot, boolean shared, long offset, Caller caller);

    /** munmap of a whole mapping. */
    Result munmap(int mapping);

    /** mprotect of a whole mapping. */
    Result mprotect(int mapping, int prot, Caller caller);

    /** Reads {@code length} bytes at {@code offset} inside a mapping: bytes, or a fault. */
    Result load(int mapping, long offset, int length);

    /** Writes bytes at {@code offset} inside a mapping: 0, or a fault. */
    Result store(int mapping, long offset, byte[] data);

    /** read(fd, buf, count) at the area's position. */
    Result read(int fd, int count);

    /** llseek(fd, offset, whence). */
    Result llseek(int fd, long offset, int whence);

    /** The whole observable state, as an immutable value. */
    DeviceSnapshot snapshot();

    /** Releases whatever the device holds outside the Java heap; the model holds nothing. */
    @Override
    default void close() {
    }

    // Convenience forms for readable tests.

    default Result ioctl(int fd, Command cmd) {
        return ioctl(fd, cmd, Caller.APP);
    }

    default Result mmap(int fd, long length, int prot, boolean shared, long offset) {
        return mmap(fd, length, prot, shared, offset, Caller.APP);
    }

    default Result mprotect(int mapping, int prot) {
        return mprotect(mapping, prot, Caller.APP);
    }

    /** The handle returned by a successful open (throws when the open failed). */
    default int openHandle() {
        return switch (open()) {
            case Result.Value v -> Math.toIntExact(v.value());
            case Result r -> throw new IllegalStateException("open failed: " + r);
        };
    }
}
