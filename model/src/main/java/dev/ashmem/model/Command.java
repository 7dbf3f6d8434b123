package dev.ashmem.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The ioctl commands of {@code /dev/ashmem}, with the raw argument values user space would pass.
 * Arguments that travel through a user pointer can be marked as a bad pointer to express EFAULT.
 */
public sealed interface Command {

    /** The command number as user space passes it to ioctl(2). */
    long number();

    /** The trace-format name of the command. */
    String name();

    int ASHMEM_IOC = 0x77;

    /** ASHMEM_SET_NAME: {@code bytes} is the user buffer as read from its start (a NUL ends the name). */
    record SetName(byte[] bytes, boolean badPointer) implements Command {
        public SetName {
            Objects.requireNonNull(bytes, "bytes (use SetName.unreadable() for an unreadable buffer)");
            bytes = bytes.clone();
        }

        public static SetName of(String name) {
            return new SetName(Objects.requireNonNull(name, "name").getBytes(StandardCharsets.UTF_8), false);
        }

        public static SetName unreadable() {
            return new SetName(new byte[0], true);
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public long number() {
            return 0x41007701L;
        }

        @Override
        public String name() {
            return "SET_NAME";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SetName s && s.badPointer == badPointer && Arrays.equals(s.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes) * 31 + Boolean.hashCode(badPointer);
        }

        @Override
        public String toString() {
            return badPointer ? "SET_NAME(<bad pointer>)" : "SET_NAME(" + Names.quote(bytes) + ")";
        }
    }

    /** ASHMEM_GET_NAME; {@code badPointer} when the destination buffer is not writable. */
    record GetName(boolean badPointer) implements Command {
        @Override
        public long number() {
            return 0x81007702L;
        }

        @Override
        public String name() {
            return "GET_NAME";
        }
    }

    /** ASHMEM_SET_SIZE: {@code size} is an unsigned 64-bit value carried in a long. */
    record SetSize(long size) implements Command {
        @Override
        public long number() {
            return 0x40087703L;
        }

        @Override
        public String name() {
            return "SET_SIZE";
        }

        @Override
        public String toString() {
            return "SET_SIZE(" + Long.toUnsignedString(size) + ")";
        }
    }

    record GetSize() implements Command {
        @Override
        public long number() {
            return 0x7704L;
        }

        @Override
        public String name() {
            return "GET_SIZE";
        }
    }

    /** ASHMEM_SET_PROT_MASK: {@code prot} is an unsigned long, any bits. */
    record SetProtMask(long prot) implements Command {
        @Override
        public long number() {
            return 0x40087705L;
        }

        @Override
        public String name() {
            return "SET_PROT_MASK";
        }
    }

    record GetProtMask() implements Command {
        @Override
        public long number() {
            return 0x7706L;
        }

        @Override
        public String name() {
            return "GET_PROT_MASK";
        }
    }

    /** ASHMEM_PIN. */
    record Pin(PinArg arg) implements Command {
        public Pin {
            Objects.requireNonNull(arg, "arg");
        }

        @Override
        public long number() {
            return 0x40087707L;
        }

        @Override
        public String name() {
            return "PIN";
        }

        @Override
        public String toString() {
            return "PIN" + arg;
        }
    }

    /** ASHMEM_UNPIN. */
    record Unpin(PinArg arg) implements Command {
        public Unpin {
            Objects.requireNonNull(arg, "arg");
        }

        @Override
        public long number() {
            return 0x40087708L;
        }

        @Override
        public String name() {
            return "UNPIN";
        }

        @Override
        public String toString() {
            return "UNPIN" + arg;
        }
    }

    /** ASHMEM_GET_PIN_STATUS. */
    record GetPinStatus(PinArg arg) implements Command {
        public GetPinStatus {
            Objects.requireNonNull(arg, "arg");
        }

        @Override
        public long number() {
            return 0x7709L;
        }

        @Override
        public String name() {
            return "GET_PIN_STATUS";
        }

        @Override
        public String toString() {
            return "GET_PIN_STATUS" + arg;
        }
    }

    record PurgeAllCaches() implements Command {
        @Override
        public long number() {
            return 0x770aL;
        }

        @Override
        public String name() {
            return "PURGE_ALL_CACHES";
        }
    }

    /** Any other command number. */
    record Unknown(long number) implements Command {
        @Override
        public String name() {
            return "IOCTL";
        }

        @Override
        public String toString() {
            return "IOCTL(0x" + Long.toHexString(number) + ")";
        }
    }

    /**
     * The {@code struct ashmem_pin} argument: two u32 fields, or a pointer the kernel cannot read.
     */
    record PinArg(long offset, long len, boolean badPointer) {

        public PinArg {
            if (offset < 0 || offset > Abi.U32_MAX) {
                throw new IllegalArgumentException("offset is a u32 field: " + offset);
            }
            if (len < 0 || len > Abi.U32_MAX) {
                throw new IllegalArgumentException("len is a u32 field: " + len);
            }
        }

        public static PinArg of(long offset, long len) {
            return new PinArg(offset, len, false);
        }

        public static PinArg unreadable() {
            return new PinArg(0, 0, true);
        }

        @Override
        public String toString() {
            return badPointer ? "(<bad pointer>)" : "(" + offset + ", " + len + ")";
        }
    }

    static Command pin(long offset, long len) {
        return new Pin(PinArg.of(offset, len));
    }

    static Command unpin(long offset, long len) {
        return new Unpin(PinArg.of(offset, len));
    }

    static Command pinStatus(long offset, long len) {
        return new GetPinStatus(PinArg.of(offset, len));
    }
}
