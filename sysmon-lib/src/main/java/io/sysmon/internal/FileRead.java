package io.sysmon.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One file a sample reads, and how much of it.
 *
 * @param path the file
 * @param maxBytes the most bytes read from it, as passed to {@link SmallFileReader#read(Path, int)}
 */
public record FileRead(Path path, int maxBytes) {

    /**
     * @param path the file
     * @param maxBytes the most bytes read from it, at least 1
     */
    public FileRead {
        Objects.requireNonNull(path, "path");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be >= 1, got " + maxBytes);
        }
    }

    /**
     * @return the file's content, up to {@link #maxBytes()}
     * @throws IOException when it cannot be read
     */
    public String read() throws IOException {
        return SmallFileReader.read(path, maxBytes);
    }
}
