package io.sysmon.sysfs;

import io.sysmon.testkit.FixtureTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

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
            return FixtureTrees.layOut(resource("/trees/" + name), resource("/trees/" + name + ".links"), target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out fixture tree " + name + " in " + target, e);
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
