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

    /** The file's bytes: the trace parser decodes them, so invalid UTF-8 is an error at its line and column. */
    static byte[] read(String file, InputStream stdin) {
        try {
            if (file.equals("-")) {
                return stdin.readAllBytes();
            }
            return Files.readAllBytes(Path.of(file));
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
