package io.sysmon.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Unpacks a fixture tree that the build packed into this jar (from sysmon-lib's test resources) into a temporary
 * directory, and creates the symlinks its {@code .links} file lists, as the tests' helper does.
 */
final class FixtureTrees {

    private FixtureTrees() {
    }

    /**
     * @param name the tree, such as {@code intel-desktop}
     * @return a new temporary directory holding the tree; {@link #delete(Path)} it when done
     * @throws IOException when the tree is not in the jar or cannot be written out
     */
    static Path extract(String name) throws IOException {
        URL links = FixtureTrees.class.getResource("/trees/" + name + ".links");
        if (links == null) {
            throw new IOException("no fixture tree '" + name + "' in the benchmarks jar (trees/" + name + ".links)");
        }
        Path target = Files.createTempDirectory("sysmon-bench-" + name + "-");
        URI uri = toUri(links);
        // In benchmarks.jar the tree is reachable only through the jar's zip file system, open while it is copied;
        // run from an IDE, it is on disk.
        try (FileSystem jar = "jar".equals(uri.getScheme()) ? FileSystems.newFileSystem(uri, Map.of()) : null) {
            Path linksFile = jar != null ? jar.getPath("/trees/" + name + ".links") : Path.of(uri);
            io.sysmon.testkit.FixtureTrees.layOut(linksFile.resolveSibling(name), linksFile, target);
        }
        return target;
    }

    /**
     * Deletes a directory tree, such as one made by {@link #extract(String)}; symlinks are removed, never followed.
     *
     * @param tree the directory to delete
     */
    static void delete(Path tree) {
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + tree, e);
        }
    }

    private static URI toUri(URL url) throws IOException {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IOException("unusable resource URL " + url, e);
        }
    }
}
