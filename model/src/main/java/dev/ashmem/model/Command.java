package dev.ashmem.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The ioctl commands of {@code /dev/ashmem}, with the raw argument values user space would pass.
 * Arguments that travel through a user pointer can be marked as a bad pointer to express EFAULT.
 */
public sealed interface Command {

    /** The command's word in the trace format, with its number ({@link CommandWord}). */
    CommandWord word();

    /** The command number as user space passes it to ioctl(2). */
    default long number() {
        return word().number();
    }

    /** The trace-format name of the command. */
    default String name() {
        return word().name();
    }

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
        public CommandWord word() {
            return CommandWord.SET_NAME;
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
            return TraceText.command(this);
        }
    }

    /** ASHMEM_GET_NAME; {@code badPointer} when the destination buffer is not writable. */
    record GetName(boolean badPointer) implements Command {
        @Override
        public CommandWord word() {
            return CommandWord.GET_NAME;
        }

        @Override
        public String toString() {
            return TraceText.command(this);
        }
    }

    /** ASHMEM_SET_SIZE: {@code size} is an unsigned 64-bit value carried in a long. */
    record SetSize(long size) implements Command {
        @Override
        public CommandWord word() {
            return CommandWord.SET_SIZE;
        }

        @Override
        public String toString() {
            return TraceText.command(this);
        }
    }

    record GetSize() implements Command {
        @Override
        public CommandWord word() {
            return CommandWord.GET_SIZE;
        }

        @Override
        public String toString() {
            return TraceText.command(this);
        }
    }

    /** ASHMEM_SET_PROT_MASK: {@code prot} is an unsigned long, any bits. */
    record SetProtMask(long prot) implements Command {
        @Override
        public CommandWord word() {
            return CommandWord.SET_PROT_MASK;
        }

        @Override
        public String toString() {
            return TraceText.command(this);
        }
    }

    record GetProtMask() implements Command {
        @Override
        public CommandWord word() {
            return CommandWord.GET_PROT_MASK;
        }

        @Override
        public String toString() {
            return TraceText.command(this);
        }
    }

    /** ASHMEM_PIN. */
    record Pin(PinArg arg) implements Command {
        public Pin {
            Objects.requireNonNull(arg, "arg");
        }

        @Override
        public CommandWord word() {
            return CommandWord.PIN;
        }

        @Override
        public String toString() {
            return TraceText.command(this);
        }
    }

    /** ASHMEM_UNPIN. */
    record Unpin(PinArg arg) implements Command {
        public Unpin {
            Objects.requireNonNull(arg, "arg");
        }

        @Override
        public CommandWord word() {
            return CommandWord.UNPIN;
        }

        @Override
        public String toString() {
            return TraceText.command(this);
        }
    }

    /** ASHMEM_GET_PIN_STATUS. */
    record GetPinStatus(PinArg arg) implements Command {
        public GetPinStatus {
            Objects.requireNonNull(arg, "arg");
        }

        @Override
        public CommandWord word() {
            return CommandWord.GET_PIN_STATUS;
        }

        @Override
        public String toString() {
            return TraceText.command(this);
        }
    }

    record PurgeAllCaches() implements Command {
        @Override
        public CommandWord word() {
            return CommandWord.PURGE_ALL_CACHES;
        }

        @Override
        public String toString() {
            return TraceText.command(this);
        }
    }

    /** Any other command number. */
    record Unknown(long number) implements Command {
        @Override
        public CommandWord word() {
            return number == CommandWord.GET_FILE_ID.number() ? CommandWord.GET_FILE_ID : CommandWord.IOCTL;
        }

        @Override
        public String toString() {
            return TraceText.command(this);
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
            return TraceText.pinArg(this);
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
