package io.sysmon.sysfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lays a fixture tree from {@code src/test/resources/trees/<name>/} into a directory, then creates the symlinks
 * listed in {@code trees/<name>.links}. Maven's resource copying (and many checkouts) drop symlinks, so they live
 * in that text file, one {@code LINK -> TARGET} a line, both as the kernel would show them, relative to the tree.
 */
public final class TreeFixture {

    private TreeFixture() {
    }

    /**
     * @param name the tree, such as {@code intel-desktop}
     * @param target an empty directory, usually a JUnit {@code @TempDir}
     * @return {@code target}, now holding {@code proc/} and {@code sys/}
     */
    public static Path copy(String name, Path target) {
        try {
            Path source = resource("/trees/" + name);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path copy = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(file, copy);
                    }
                }
            }
            for (String line : links(name)) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int arrow = trimmed.indexOf(" -> ");
                if (arrow < 0) {
                    throw new IllegalStateException(name + ".links: not 'LINK -> TARGET': " + line);
                }
                Path link = target.resolve(trimmed.substring(0, arrow));
                Files.createDirectories(link.getParent());
                Files.createSymbolicLink(link, Path.of(trimmed.substring(arrow + 4)));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out fixture tree " + name + " in " + target, e);
        }
    }

    private static List<String> links(String name) throws IOException {
        try (InputStream in = TreeFixture.class.getResourceAsStream("/trees/" + name + ".links")) {
            if (in == null) {
                throw new IllegalStateException("no trees/" + name + ".links on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static Path resource(String name) {
        URL url = TreeFixture.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("no " + name + " on the test class path");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(url + " is not a file URI", e);
        }
    }
}
