package io.sysmon.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Lays out a captured procfs/sysfs tree for a sampler to read, with real symlinks, as {@code /sys/class/*} has
 * them on a real kernel. Maven's resource copying (and many checkouts) drop symlinks, so a tree is kept as plain
 * files plus a links file: one {@code LINK -> TARGET} a line, both relative to the tree, as the kernel shows them;
 * blank lines and lines starting with {@code #} are skipped.
 *
 * <p>Ships in the {@code sysmon-lib} test-jar, so you can test your own sampler on trees captured from your
 * machines: {@code new SysfsMetricsSampler(FixtureTrees.layOut(tree, links, tempDir))}.
 */
public final class FixtureTrees {

    private FixtureTrees() {
    }

    /**
     * @param source the tree's files (may be in another file system, such as a jar's)
     * @param linksFile the tree's links file
     * @param target an empty directory on disk
     * @return {@code target}, now holding the tree
     * @throws IOException when a file cannot be copied, a link made, or a links line is not {@code LINK -> TARGET}
     */
    public static Path layOut(Path source, Path linksFile, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                // Resolve by string: the source may be in a jar's file system and the target on disk.
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        String links = new String(Files.readAllBytes(linksFile), StandardCharsets.UTF_8);
        for (String line : links.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int arrow = trimmed.indexOf(" -> ");
            if (arrow < 0) {
                throw new IOException(linksFile + ": not 'LINK -> TARGET': " + line);
            }
            Path link = target.resolve(trimmed.substring(0, arrow));
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, Path.of(trimmed.substring(arrow + 4)));
        }
        return target;
    }
}
