package io.sysmon.shadow.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Set;

/**
 * Writes PEM credential files with the modes AWS recommends (keys 600, certificates 644, directory 700), each
 * in one atomic step: a reader never sees half a file, and a key is never readable by others, not even briefly.
 * The local endpoint's other files use the same atomic {@link #write(Path, byte[], Set)}.
 */
final class LocalCertFiles {

    static final Set<PosixFilePermission> KEY_MODE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> CERTIFICATE_MODE = PosixFilePermissions.fromString("rw-r--r--");
    static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");

    private static final Base64.Encoder PEM_BASE64 = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private LocalCertFiles() {
    }

    /** Creates {@code dir} (mode 700 where POSIX modes exist) unless it exists; an existing one is left alone. */
    static void createDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            if (supportsPosix(parent)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
                // The umask may have narrowed the mode given at creation; set it outright.
                Files.setPosixFilePermissions(dir, DIRECTORY_MODE);
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            // Another thread or process made it first: fine.
        }
    }

    /** @param posix whether the directory's file system has POSIX modes (see {@link #supportsPosix}) */
    static void writePrivateKey(Path file, byte[] pkcs8, boolean posix) throws IOException {
        write(file, pem("PRIVATE KEY", pkcs8).getBytes(StandardCharsets.US_ASCII), posix ? KEY_MODE : null);
    }

    /** @param posix whether the directory's file system has POSIX modes (see {@link #supportsPosix}) */
    static void writeCertificate(Path file, X509Certificate certificate, boolean posix) throws IOException {
        try {
            write(file, pem("CERTIFICATE", certificate.getEncoded()).getBytes(StandardCharsets.US_ASCII),
                    posix ? CERTIFICATE_MODE : null);
        } catch (CertificateEncodingException e) {
            throw new IOException("cannot encode the certificate for " + file, e);
        }
    }

    static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + PEM_BASE64.encodeToString(der) + "\n-----END " + label
                + "-----\n";
    }

    /** Asks the file store, which means reading the mount table: call it once per directory, not per file. */
    static boolean supportsPosix(Path path) throws IOException {
        Path existing = path == null ? null : path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.getFileStore(existing).supportsFileAttributeView(PosixFileAttributeView.class);
    }

    /**
     * Replaces {@code file} with {@code content} in one atomic step where the file system can (a plain replace
     * where it cannot); the temporary file is removed whatever happens.
     *
     * @param mode the file's POSIX permissions; {@code null} where the file system has none, and for files
     *     that may keep a temporary file's default (owner-only where POSIX modes exist)
     */
    static void write(Path file, byte[] content, Set<PosixFilePermission> mode) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        // The temporary file starts owner-only, so key bytes are never readable by others before the rename.
        FileAttribute<?>[] ownerOnly = mode != null
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(KEY_MODE)}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", ownerOnly);
        try {
            Files.write(temporary, content);
            if (mode != null) {
                Files.setPosixFilePermissions(temporary, mode);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
