package io.sysmon.internal;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The one routine that reads procfs and sysfs files, shared by the sampler and the benchmark's bare-read
 * baseline so that both pay exactly the same I/O cost.
 *
 * <p>Stateless and thread-safe.
 */
public final class SmallFileReader {

    /** Enough for any single-value sysfs attribute (the kernel caps them at one page). */
    public static final int ATTRIBUTE_LIMIT = 4096;

    private static final int INITIAL_BUFFER = 8192;

    private SmallFileReader() {
    }

    /**
     * Reads a file from its start up to end of file or {@code maxBytes}, whichever comes first.
     *
     * <p>procfs and sysfs report a size of 0 or 4096 whatever the content, so the size is never asked for; the
     * buffer grows until the kernel signals the end. Bytes are decoded as ISO-8859-1, which maps each byte to one
     * char: the files are ASCII, and a stray non-ASCII byte must not make decoding fail.
     *
     * @param file the file to read
     * @param maxBytes the most bytes to read, at least 1
     * @return the content read, possibly empty
     * @throws IOException when the file cannot be opened or read (missing, a directory, permission denied,
     *         the device vanished)
     */
    public static String read(Path file, int maxBytes) throws IOException {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be >= 1, got " + maxBytes);
        }
        // FileInputStream rather than Files.newInputStream: reading into a heap array skips the channel's
        // temporary direct buffer, and this runs for every sensor on every sample.
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            byte[] buffer = new byte[Math.min(maxBytes, INITIAL_BUFFER)];
            int length = 0;
            while (true) {
                int n = in.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
                if (length == buffer.length) {
                    if (length >= maxBytes) {
                        break;
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min(maxBytes, 2L * length));
                }
            }
            return new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
        }
    }
}
