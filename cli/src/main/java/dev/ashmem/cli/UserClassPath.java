package dev.ashmem.cli;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

/**
 * {@code --classpath}: a user's jars and class directories, where {@code --impl} classes are looked up
 * (a runnable jar ignores {@code java -cp}). Entries are separated by the platform's path separator.
 */
final class UserClassPath {
    private UserClassPath() {
    }

    /** A loader over {@code classpath} whose parent is this tool's own loader; the tool's loader when it is null. */
    static ClassLoader loader(String classpath) {
        var parent = UserClassPath.class.getClassLoader();
        if (classpath == null || classpath.isBlank()) {
            return parent;
        }
        var urls = new ArrayList<URL>();
        for (var entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry).toAbsolutePath();
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("--classpath: " + path + " does not exist");
            }
            try {
                urls.add(path.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("--classpath: " + entry + ": " + e.getMessage());
            }
        }
        return new URLClassLoader("user", urls.toArray(URL[]::new), parent);
    }
}
