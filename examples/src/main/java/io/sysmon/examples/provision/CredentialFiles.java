package io.sysmon.examples.provision;

import io.sysmon.examples.store.AtomicFiles;
import io.sysmon.shadow.ShadowClientConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A device's credential files in {@code $CERTS_DIR}, by the names the AWS console downloads and
 * {@link ShadowClientConfig.Builder#credentialsIn(Path)} reads: {@code <thing>-certificate.pem.crt} (644),
 * {@code <thing>-private.pem.key} (600) and {@code AmazonRootCA1.pem}, in a directory of mode 700.
 *
 * <p>Each file is written in one atomic step from a temporary file that is owner-only from its creation
 * ({@link AtomicFiles}), so a key is never readable by others, not even briefly, and a reader never sees half a
 * file. Not thread-safe.
 */
public final class CredentialFiles {

    /** Owner read and write only. */
    public static final Set<PosixFilePermission> KEY_MODE = PosixFilePermissions.fromString("rw-------");
    /** Readable by all, writable by the owner. */
    public static final Set<PosixFilePermission> CERTIFICATE_MODE = PosixFilePermissions.fromString("rw-r--r--");
    /** Owner only. */
    public static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    /** Where Amazon publishes the root CA that signs the {@code iot:Data-ATS} endpoints' certificates. */
    public static final String AMAZON_ROOT_CA_URL = "https://www.amazontrust.com/repository/AmazonRootCA1.pem";

    private final Path dir;
    private Boolean posix; // whether dir's file system has POSIX modes; null until asked

    /** @param dir the certificates directory, e.g. {@code certs} */
    public CredentialFiles(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** @return the directory */
    public Path dir() {
        return dir;
    }

    /**
     * @param thingName a thing
     * @return its certificate file
     */
    public Path certificateFile(String thingName) {
        return dir.resolve(thingName + "-certificate.pem.crt");
    }

    /**
     * @param thingName a thing
     * @return its private key file
     */
    public Path privateKeyFile(String thingName) {
        return dir.resolve(thingName + "-private.pem.key");
    }

    /** @return the root CA file every device shares */
    public Path rootCaFile() {
        return dir.resolve(ShadowClientConfig.AMAZON_ROOT_CA_FILE);
    }

    /**
     * @param thingNames things about to be provisioned
     * @return their certificate and key files that exist already, in order
     */
    public List<Path> existing(List<String> thingNames) {
        List<Path> found = new ArrayList<>();
        for (String thing : thingNames) {
            for (Path file : List.of(certificateFile(thing), privateKeyFile(thing))) {
                if (Files.exists(file)) {
                    found.add(file);
                }
            }
        }
        return found;
    }

    /**
     * Creates the directory with mode 700, or narrows an existing one's mode to 700 where it was wider.
     *
     * @return whether an existing directory's mode was narrowed
     * @throws IOException when it cannot be created or changed
     */
    public boolean prepareDirectory() throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            if (isPosix()) {
                Files.setPosixFilePermissions(dir, DIRECTORY_MODE); // created with the umask's mode, often 755
            }
            return false;
        }
        if (isPosix() && !Files.getPosixFilePermissions(dir).equals(DIRECTORY_MODE)) {
            Files.setPosixFilePermissions(dir, DIRECTORY_MODE);
            return true;
        }
        return false;
    }

    /**
     * Writes the thing's key (600), then its certificate (644), each in one atomic step from a temporary file that
     * is owner-only from its creation.
     *
     * @param thingName the thing
     * @param certificate what AWS issued
     * @param overwrite whether existing files may be replaced; if not, an existing file is an error
     * @throws FileAlreadyExistsException when a file exists and {@code overwrite} is false
     * @throws IOException when a file cannot be written
     */
    public void write(String thingName, IssuedCertificate certificate, boolean overwrite) throws IOException {
        boolean posix = isPosix();
        AtomicFiles.write(privateKeyFile(thingName), certificate.privateKeyPem(), StandardCharsets.US_ASCII,
                posix ? KEY_MODE : null, overwrite);
        AtomicFiles.write(certificateFile(thingName), certificate.certificatePem(), StandardCharsets.US_ASCII,
                posix ? CERTIFICATE_MODE : null, overwrite);
    }

    /** Asked once: every file goes in the one directory. */
    private boolean isPosix() throws IOException {
        if (posix == null) {
            posix = AtomicFiles.supportsPosix(dir);
        }
        return posix;
    }
}
