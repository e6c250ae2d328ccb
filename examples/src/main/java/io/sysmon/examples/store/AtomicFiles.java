package io.sysmon.examples.store;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Whole-file writes that readers never see half done: the text goes to a temporary file next to the target, which
 * then replaces the target in one step. The local S3 folder and {@code sysmon provision}'s credential files both
 * write this way.
 */
public final class AtomicFiles {

    private static final FileAttribute<?>[] NO_ATTRIBUTES = new FileAttribute<?>[0];
    private static final FileAttribute<?>[] OWNER_ONLY =
            {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
    /** Long enough to tell a left-over temporary file's target, short enough to stay within a file name's limit. */
    private static final int MAX_PREFIX = 64;

    private AtomicFiles() {
    }

    /**
     * Writes {@code text} to {@code target} in one step; the target's directory must exist.
     *
     * @param target the file
     * @param text its new content
     * @param charset how the text is encoded
     * @param posixMode the file's mode, or null to leave it as a new temporary file's; give one only where
     *     {@link #supportsPosix} says so. With a mode, the temporary file is owner-only from its creation, so the
     *     content is never readable by others, not even briefly
     * @param replace whether an existing target is replaced
     * @throws java.nio.file.FileAlreadyExistsException when the target exists and {@code replace} is false
     * @throws IOException when the file cannot be written
     */
    public static void write(Path target, String text, Charset charset, Set<PosixFilePermission> posixMode,
            boolean replace) throws IOException {
        String name = target.getFileName().toString();
        Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(),
                "." + name.substring(0, Math.min(name.length(), MAX_PREFIX)), ".tmp",
                posixMode == null ? NO_ATTRIBUTES : OWNER_ONLY);
        try {
            Files.writeString(temporary, text, charset);
            if (posixMode != null) {
                Files.setPosixFilePermissions(temporary, posixMode);
            }
            move(temporary, target, replace);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Moves a file, atomically where the file system can.
     *
     * @param from the file
     * @param to where it goes
     * @param replace whether an existing {@code to} is replaced
     * @throws java.nio.file.FileAlreadyExistsException when {@code to} exists and {@code replace} is false
     * @throws IOException when it cannot be moved
     */
    public static void move(Path from, Path to, boolean replace) throws IOException {
        if (!replace) {
            Files.move(from, to); // throws FileAlreadyExistsException rather than replace
            return;
        }
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * @param dir a directory, which may not exist yet
     * @return whether its file system has POSIX modes, asked of its nearest existing ancestor
     * @throws IOException when the file system cannot be asked
     */
    public static boolean supportsPosix(Path dir) throws IOException {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null
                && Files.getFileStore(existing).supportsFileAttributeView(PosixFileAttributeView.class);
    }
}
