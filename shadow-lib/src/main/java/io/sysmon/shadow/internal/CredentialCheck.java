package io.sysmon.shadow.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a device's credential files before it connects, so a wrong file gives one clear line naming the file
 * and the fix instead of a TLS failure deep in the native stack (which AWS reports only as a hang-up).
 *
 * <p>Usage: {@code CredentialCheck.Result r = CredentialCheck.check(cert, key, ca, Clock.systemUTC());} then
 * refuse to connect unless {@code r.ok()}, showing every line of {@code r.problems()} and logging
 * {@code r.warnings()}. Stateless and thread-safe.
 */
public final class CredentialCheck {

    private static final Logger LOG = LoggerFactory.getLogger(CredentialCheck.class);

    /** Real PEM credentials are a few kilobytes; anything this big is the wrong file, so it is not read. */
    static final long MAX_PEM_BYTES = 1024 * 1024;

    private static final String LOCAL_HINT = "run 'sysmon.jar local' to create local test credentials";
    private static final String AMAZON_ROOT_CA_URL = "https://www.amazontrust.com/repository/AmazonRootCA1.pem";
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private CredentialCheck() {
    }

    /**
     * What {@link #check} found.
     *
     * @param problems one line per problem that will stop the connection, each naming the file and the fix
     * @param warnings one line per risk that will not stop it (e.g. a private key others can read)
     */
    public record Result(List<String> problems, List<String> warnings) {

        /** Copies both lists so the result stays immutable. */
        public Result {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }

        /** @return whether there are no problems (warnings may remain) */
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** The three files, each with the words its messages use. */
    private enum Role {
        CERTIFICATE("certificate file", "644",
                "download the device certificate from the AWS IoT console, or " + LOCAL_HINT),
        PRIVATE_KEY("private key", "600",
                "use the private key downloaded together with the device certificate (the AWS IoT console offers"
                        + " it only once; if it is lost, create a new certificate), or " + LOCAL_HINT),
        CA("CA file", "644",
                "download AmazonRootCA1.pem from " + AMAZON_ROOT_CA_URL + ", or " + LOCAL_HINT
                        + " (they use sysmon-local-ca.pem)");

        final String noun;
        final String mode;
        final String obtain;

        Role(String noun, String mode, String obtain) {
            this.noun = noun;
            this.mode = mode;
            this.obtain = obtain;
        }

        String name(Path file) {
            return noun + " " + file;
        }
    }

    /**
     * Checks the device's files before connecting. Never throws for a file problem: returns them all.
     *
     * <p>Each file must exist, be a readable, non-empty regular file and hold PEM: the certificate file an
     * X.509 certificate (the device's first, then any chain), the key file an unencrypted private key (PKCS#1,
     * PKCS#8 or SEC1), the CA file at least one certificate. The key must match the certificate, and every
     * certificate must be valid at {@code clock}'s instant. A private key that group or others may read, or
     * a CA file holding no CA certificate, gives a warning.
     *
     * @param certificateFile the device certificate, e.g. {@code certs/<thing>-certificate.pem.crt}
     * @param privateKeyFile the device's private key, e.g. {@code certs/<thing>-private.pem.key}
     * @param caFile the CA that signs the endpoint's certificate, e.g. {@code certs/AmazonRootCA1.pem}
     * @param clock the source of "now" for validity dates
     * @return every problem and warning found; files are named as given
     */
    public static Result check(Path certificateFile, Path privateKeyFile, Path caFile, Clock clock) {
        Objects.requireNonNull(certificateFile, "certificateFile");
        Objects.requireNonNull(privateKeyFile, "privateKeyFile");
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(clock, "clock");
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        List<X509Certificate> deviceChain = read(Role.CERTIFICATE, certificateFile, problems)
                .map(content -> certificates(Role.CERTIFICATE, certificateFile, content, problems, warnings))
                .orElse(List.of());
        Optional<PrivateKey> privateKey = read(Role.PRIVATE_KEY, privateKeyFile, problems)
                .flatMap(content -> privateKey(privateKeyFile, content, problems, warnings));
        List<X509Certificate> caCertificates = read(Role.CA, caFile, problems)
                .map(content -> certificates(Role.CA, caFile, content, problems, warnings))
                .orElse(List.of());

        checkDeviceValidity(certificateFile, deviceChain, now, problems);
        checkCa(caFile, caCertificates, now, problems, warnings);
        if (!deviceChain.isEmpty() && privateKey.isPresent()) {
            checkKeyMatches(privateKeyFile, privateKey.get(), certificateFile, deviceChain.get(0), problems);
        }
        if (privateKey.isPresent()) {
            checkKeyPermissions(privateKeyFile, warnings);
        }

        LOG.debug("Credential check of {}, {}, {}: {} problem(s), {} warning(s)", certificateFile, privateKeyFile,
                caFile, problems.size(), warnings.size());
        return new Result(problems, warnings);
    }

    private static Optional<PemContent> read(Role role, Path file, List<String> problems) {
        String name = role.name(file);
        if (!Files.exists(file)) {
            problems.add(name + " does not exist: " + role.obtain);
            return Optional.empty();
        }
        if (Files.isDirectory(file)) {
            problems.add(name + " is a directory, not a file: give the path of the " + role.noun + " itself");
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            problems.add(name + " is not a regular file: give the path of the " + role.noun + " itself");
            return Optional.empty();
        }
        if (!Files.isReadable(file)) {
            problems.add(name + " is not readable by this user: run 'chmod " + role.mode + " " + file
                    + "' as its owner, or run as the user who owns it");
            return Optional.empty();
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_PEM_BYTES) {
                problems.add(name + " is " + size + " bytes, far too large for a PEM file: check the path; "
                        + role.obtain);
                return Optional.empty();
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            problems.add(name + " could not be read (" + e.getMessage() + "): check the path and its permissions");
            return Optional.empty();
        }
        if (bytes.length == 0) {
            problems.add(name + " is empty: " + role.obtain);
            return Optional.empty();
        }
        String text = PemContent.decode(bytes);
        if (!text.contains("-----BEGIN ")) {
            if ((bytes[0] & 0xFF) == 0x30) {
                String command = role == Role.PRIVATE_KEY ? "openssl pkey" : "openssl x509";
                problems.add(name + " is binary DER, not PEM: convert it with '" + command + " -inform der -in "
                        + file + " -out " + file + ".pem' and use " + file + ".pem");
            } else {
                problems.add(name + " holds no PEM data (no '-----BEGIN ...-----' line): " + role.obtain);
            }
            return Optional.empty();
        }
        return Optional.of(PemContent.parse(text));
    }

    private static List<X509Certificate> certificates(Role role, Path file, PemContent content,
            List<String> problems, List<String> warnings) {
        String name = role.name(file);
        if (!content.certificates().isEmpty()) {
            content.error().ifPresent(error -> problems.add(name + " is damaged after its first "
                    + content.certificates().size() + " certificate(s) (" + error + "): " + role.obtain));
            if (!content.privateKeys().isEmpty() || content.encryptedPrivateKey()) {
                warnings.add(name + " also holds a private key, which anyone who may read the " + role.noun
                        + " can then read: keep the key only in its own file, with mode 600");
            }
            return content.certificates();
        }
        if (!content.privateKeys().isEmpty() || content.encryptedPrivateKey()) {
            String expected = role == Role.CA ? "AmazonRootCA1.pem (or sysmon-local-ca.pem for the local endpoint)"
                    : "the <thing>-certificate.pem.crt file";
            problems.add(name + " holds a private key, not a certificate: give " + expected + " here");
        } else if (!content.otherContents().isEmpty()) {
            problems.add(name + " holds a " + content.otherContents().get(0) + ", not a certificate: "
                    + role.obtain);
        } else if (content.error().isPresent()) {
            problems.add(name + " is not valid PEM (" + content.error().get() + "): " + role.obtain);
        } else {
            problems.add(name + " holds no certificate (no '-----BEGIN CERTIFICATE-----' block): " + role.obtain);
        }
        return List.of();
    }

    private static Optional<PrivateKey> privateKey(Path file, PemContent content, List<String> problems,
            List<String> warnings) {
        String name = Role.PRIVATE_KEY.name(file);
        if (!content.privateKeys().isEmpty()) {
            content.error().ifPresent(error -> problems.add(name + " is damaged (" + error + "): "
                    + Role.PRIVATE_KEY.obtain));
            if (content.privateKeys().size() > 1) {
                warnings.add(name + " holds " + content.privateKeys().size()
                        + " private keys; only the first is used: keep one key per file");
            }
            return Optional.of(content.privateKeys().get(0));
        }
        if (content.encryptedPrivateKey() || content.labels().contains("ENCRYPTED PRIVATE KEY")) {
            problems.add(name + " is encrypted (password-protected), and encrypted keys are not supported:"
                    + " decrypt it with 'openssl pkey -in " + file + " -out " + file + ".plain', then use "
                    + file + ".plain and run 'chmod 600 " + file + ".plain'");
        } else if (content.labels().contains("OPENSSH PRIVATE KEY")) {
            problems.add(name + " is an OpenSSH key, not an AWS IoT device key: give the"
                    + " <thing>-private.pem.key file downloaded together with the certificate");
        } else if (!content.certificates().isEmpty()) {
            problems.add(name + " holds a certificate, not a private key: give the <thing>-private.pem.key file"
                    + " downloaded together with the certificate");
        } else if (content.otherContents().contains("public key")) {
            problems.add(name + " holds a public key, not a private key: give the <thing>-private.pem.key file,"
                    + " not <thing>-public.pem.key");
        } else if (!content.otherContents().isEmpty()) {
            problems.add(name + " holds a " + content.otherContents().get(0) + ", not a private key: "
                    + Role.PRIVATE_KEY.obtain);
        } else if (content.error().filter(PemContent.EC_KEY_WITHOUT_CURVE::equals).isPresent()) {
            problems.add(name + " is an EC key that does not name its curve, which the AWS CRT cannot use: give"
                    + " the key as AWS or openssl wrote it, or " + LOCAL_HINT + " anew");
        } else if (content.error().isPresent()) {
            problems.add(name + " is not valid PEM (" + content.error().get() + "): " + Role.PRIVATE_KEY.obtain);
        } else {
            problems.add(name + " holds no private key (expected '-----BEGIN RSA PRIVATE KEY-----',"
                    + " '-----BEGIN PRIVATE KEY-----' or '-----BEGIN EC PRIVATE KEY-----'): "
                    + Role.PRIVATE_KEY.obtain);
        }
        return Optional.empty();
    }

    private static void checkDeviceValidity(Path file, List<X509Certificate> chain, Instant now,
            List<String> problems) {
        String name = Role.CERTIFICATE.name(file);
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate certificate = chain.get(i);
            String which = i == 0 ? name : name + ": chain certificate " + (i + 1) + " (" + subject(certificate)
                    + ")";
            if (expired(certificate, now)) {
                problems.add(which + " expired on " + certificate.getNotAfter().toInstant()
                        + ": create a new certificate for this thing in the AWS IoT console and download it, or "
                        + LOCAL_HINT);
            } else if (notYetValid(certificate, now)) {
                problems.add(which + " is not valid until " + certificate.getNotBefore().toInstant()
                        + " (this machine's clock says " + now + "): correct the clock, or wait until then");
            }
        }
    }

    private static void checkCa(Path file, List<X509Certificate> certificates, Instant now, List<String> problems,
            List<String> warnings) {
        String name = Role.CA.name(file);
        boolean anyUsable = certificates.stream().anyMatch(c -> !expired(c, now) && !notYetValid(c, now));
        // A bundle with one stale root among good ones still works, so only a file with no usable CA stops us.
        List<String> validityTarget = anyUsable ? warnings : problems;
        List<String> notCa = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            String which = name + ": certificate '" + subject(certificate) + "'";
            if (expired(certificate, now)) {
                validityTarget.add(which + " expired on " + certificate.getNotAfter().toInstant() + ": "
                        + Role.CA.obtain);
            } else if (notYetValid(certificate, now)) {
                validityTarget.add(which + " is not valid until " + certificate.getNotBefore().toInstant()
                        + " (this machine's clock says " + now + "): correct the clock, or wait until then");
            }
            if (!isCa(certificate)) {
                notCa.add(subject(certificate));
            }
        }
        if (!notCa.isEmpty()) {
            warnings.add(name + " holds '" + String.join("', '", notCa) + "', which is not a CA certificate"
                    + " (basicConstraints CA=false), perhaps a device certificate given by mistake: give"
                    + " AmazonRootCA1.pem here (or sysmon-local-ca.pem for the local endpoint)");
        }
    }

    private static void checkKeyMatches(Path keyFile, PrivateKey key, Path certificateFile,
            X509Certificate certificate, List<String> problems) {
        try {
            if (!CredentialKeys.matches(key, certificate.getPublicKey())) {
                problems.add("private key " + keyFile + " does not match certificate " + certificateFile
                        + ": use the key that was downloaded together with this certificate");
            }
        } catch (GeneralSecurityException e) {
            problems.add("private key " + keyFile + " cannot sign (" + e.getMessage() + "): use the RSA or EC key"
                    + " that was downloaded together with certificate " + certificateFile);
        }
    }

    private static void checkKeyPermissions(Path file, List<String> warnings) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return; // no POSIX modes here (e.g. Windows): nothing meaningful to check
        } catch (IOException e) {
            LOG.debug("Could not read the permissions of {}", file, e);
            return;
        }
        if (permissions.stream().noneMatch(GROUP_OR_OTHERS::contains)) {
            return;
        }
        boolean readable = permissions.contains(PosixFilePermission.GROUP_READ)
                || permissions.contains(PosixFilePermission.OTHERS_READ);
        warnings.add("private key " + file + " is " + (readable ? "readable" : "accessible") + " by group/others"
                + " (mode " + octal(permissions) + "): run chmod 600 " + file);
    }

    static String octal(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            // PosixFilePermission is declared from OWNER_READ (0400) down to OTHERS_EXECUTE (0001).
            mode |= 1 << (8 - permission.ordinal());
        }
        return String.format("%03o", mode);
    }

    private static boolean expired(X509Certificate certificate, Instant now) {
        return now.isAfter(certificate.getNotAfter().toInstant());
    }

    private static boolean notYetValid(X509Certificate certificate, Instant now) {
        return now.isBefore(certificate.getNotBefore().toInstant());
    }

    private static boolean isCa(X509Certificate certificate) {
        if (certificate.getBasicConstraints() >= 0) {
            return true;
        }
        // Old version-1 roots have no extensions at all; a self-signed one is a CA by construction.
        return certificate.getVersion() == 1
                && certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }
}
