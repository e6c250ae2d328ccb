package io.sysmon.examples.store;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Checks the directories the local cloud writes to: created when missing, and proven writable by creating and
 * deleting a file in them (a permission check alone would pass for root on a read-only file system).
 *
 * <p>An instance is a directory that passed the check: what opens several stores in one directory hands them, so
 * that it is checked once rather than by each of them.
 */
public final class DataDirectory {

    private final Path path;

    private DataDirectory(Path path) {
        this.path = path;
    }

    /**
     * Checks {@code dir} as {@link #prepare} does.
     *
     * @param dir the directory
     * @return it, checked
     * @throws DataDirectoryException naming the directory and why it cannot be used
     */
    public static DataDirectory checked(Path dir) {
        return new DataDirectory(prepare(dir));
    }

    /** @return the directory, absolute and normalised */
    public Path path() {
        return path;
    }

    @Override
    public String toString() {
        return path.toString();
    }

    /**
     * Creates {@code dir} (and its parents) when missing and makes sure a file can be written in it.
     *
     * @param dir the directory
     * @return the directory, absolute and normalised
     * @throws DataDirectoryException naming the directory and why it cannot be used
     */
    public static Path prepare(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            for (Path p = absolute; p != null; p = p.getParent()) {
                if (Files.exists(p) && !Files.isDirectory(p)) {
                    throw new DataDirectoryException(absolute, p + " is a file, not a directory", e);
                }
            }
            throw new DataDirectoryException(absolute, reason(e), e);
        }
        try {
            Path probe = Files.createTempFile(absolute, ".sysmon-write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new DataDirectoryException(absolute, reason(e), e);
        }
        return absolute;
    }

    /** @return a short reason for a file-system failure, naming the path in the way when it is another one */
    static String reason(IOException e) {
        String file = e instanceof FileSystemException ? ((FileSystemException) e).getFile() : null;
        if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            return (file == null ? "a path in it" : file) + " is a file, not a directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied" + (file == null ? "" : " on " + file);
        }
        String message = e instanceof FileSystemException ? ((FileSystemException) e).getReason() : e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
