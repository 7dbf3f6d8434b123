package dev.ashmem.oracle.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading trace files; {@code -} is standard input. */
final class Inputs {
    private Inputs() {
    }

    /**
     * The most bytes one input may have (spec/trace-format.md, Limits): the text is held whole, twice (bytes,
     * then characters), and a larger file or endless input (/dev/zero) ran out of heap or never ended.
     */
    static final int MAX_INPUT = 1 << 28;

    /** The file's bytes: the trace parser decodes them, so invalid UTF-8 is an error at its line and column. */
    static byte[] read(String file, InputStream stdin) {
        try (InputStream in = file.equals("-") ? null : Files.newInputStream(Path.of(file))) {
            byte[] bytes = (in == null ? stdin : in).readNBytes(MAX_INPUT + 1);
            if (bytes.length > MAX_INPUT) {
                throw new IllegalArgumentException(name(file) + " is larger than " + (MAX_INPUT >> 20) + " MiB, the most one input may be (split it)");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    static String name(String file) {
        return file.equals("-") ? "<stdin>" : file;
    }
}
