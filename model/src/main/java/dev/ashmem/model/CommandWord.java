package dev.ashmem.model;

import java.util.Optional;

/**
 * The ioctl command words of the trace format with their numbers, defined once: {@link Command}, its
 * {@code toString()}, the trace parser and the trace printer all take them from here.
 */
public enum CommandWord {
    SET_NAME(0x41007701L),
    GET_NAME(0x81007702L),
    SET_SIZE(0x40087703L),
    GET_SIZE(0x7704L),
    SET_PROT_MASK(0x40087705L),
    GET_PROT_MASK(0x7706L),
    PIN(0x40087707L),
    UNPIN(0x40087708L),
    GET_PIN_STATUS(0x7709L),
    PURGE_ALL_CACHES(0x770aL),
    /** ASHMEM_GET_FILE_ID of the Rust rewrite; the mainline driver does not know it (a {@link Command.Unknown}). */
    GET_FILE_ID(0x8008770bL),
    /** The raw form {@code IOCTL <number>}: any number as a command the driver does not know. */
    IOCTL(-1);

    private final long number;

    CommandWord(long number) {
        this.number = number;
    }

    /** The command number user space passes to ioctl(2); -1 for the raw form. */
    public long number() {
        return number;
    }

    /** A command the mainline driver implements (SET_NAME .. PURGE_ALL_CACHES). */
    public boolean mainline() {
        return ordinal() <= PURGE_ALL_CACHES.ordinal();
    }

    /** The mainline command with this number, if any: a bare number that must be written by its name. */
    public static Optional<CommandWord> ofNumber(long number) {
        for (var w : values()) {
            if (w.mainline() && w.number == number) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }

    /** The command a word names (upper case, as traces write it). */
    public static Optional<CommandWord> parse(String word) {
        for (var w : values()) {
            if (w.name().equals(word)) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }
}
