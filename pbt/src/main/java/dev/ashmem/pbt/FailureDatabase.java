package dev.ashmem.pbt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Failing choice sequences, one small text file per property (keyed by its name, e.g.
 * {@code com.example.FooTest#bar}), so the next run replays them before searching. Deleting the
 * directory forgets everything; a stored case that passes again is dropped.
 */
public final class FailureDatabase {

    private final Path directory;

    public FailureDatabase(Path directory) {
        this.directory = directory;
    }

    public Path fileFor(String key) {
        return directory.resolve(key.replaceAll("[^A-Za-z0-9._#$-]", "_") + ".txt");
    }

    /** The stored sequences for {@code key}; unreadable or corrupt lines are ignored. */
    public List<ChoiceSequence> load(String key) {
        Path file = fileFor(key);
        if (!Files.isRegularFile(file)) return List.of();
        var out = new ArrayList<ChoiceSequence>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) continue;
                try {
                    out.add(ChoiceSequence.decode(s));
                } catch (IllegalArgumentException ignored) {
                    // An entry from an incompatible version: skip it rather than fail the property.
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }

    public void save(String key, ChoiceSequence choices) {
        save(key, List.of(choices));
    }

    /** Stores the failing cases of {@code key} (one per distinct failure), replacing what was stored. */
    public void save(String key, List<ChoiceSequence> cases) {
        try {
            Files.createDirectories(directory);
            var text = new StringBuilder("# pbt failure database: failing cases of " + key
                    + "; they are replayed first on the next run. Delete this file to forget them.\n");
            for (ChoiceSequence c : cases) text.append(c.encode()).append('\n');
            Files.writeString(fileFor(key), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write failure database entry " + fileFor(key), e);
        }
    }

    public void delete(String key) {
        try {
            Files.deleteIfExists(fileFor(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
