package io.sysmon.shadow.local;

import io.sysmon.shadow.AwsIotNames;
import io.sysmon.shadow.internal.CredentialKeys;
import io.sysmon.shadow.internal.PemContent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway certificate authority for the local AWS-IoT-compatible endpoint: it issues device credentials
 * under the names the AWS IoT console downloads, and the TLS key and trust stores the local broker needs to
 * demand client certificates exactly as AWS IoT does. <strong>For tests and demos only.</strong>
 *
 * <p>Usage:
 * <pre>{@code
 * LocalCertificateAuthority ca = LocalCertificateAuthority.createOrLoad(Path.of("certs"));
 * DeviceCredentials device = ca.issueDevice("my_iot_device_1");
 * KeyStore serverKeys = ca.serverKeyStore(password, "localhost", "127.0.0.1");
 * KeyStore trusted = ca.trustStore(password);
 * }</pre>
 *
 * <p>The CA lives in {@value #CA_CERTIFICATE_FILE_NAME} and {@value #CA_PRIVATE_KEY_FILE_NAME}, named so that
 * nobody mistakes it for Amazon's {@code AmazonRootCA1.pem}. Keys are EC P-256, signatures SHA256withECDSA.
 * Private keys are written with mode 600, certificates with 644, a directory this class creates with 700
 * (where the file system has POSIX modes).
 *
 * <p>Thread-safe: devices may be issued concurrently (issuing runs in parallel for different things). Two
 * processes calling {@link #createOrLoad(Path)} on the same empty directory at the same moment may each make
 * a CA, and the last to write wins; start one first.
 */
public final class LocalCertificateAuthority {

    /** The file name of the CA certificate inside the certificates directory. */
    public static final String CA_CERTIFICATE_FILE_NAME = "sysmon-local-ca.pem";
    /** The file name of the CA's private key inside the certificates directory. */
    public static final String CA_PRIVATE_KEY_FILE_NAME = "sysmon-local-ca-private.pem.key";
    /** The alias of the key entry in {@link #serverKeyStore(char[], String...)}. */
    public static final String SERVER_KEY_ALIAS = "sysmon-local-server";
    /** The alias of the trusted CA certificate in {@link #trustStore(char[])}. */
    public static final String CA_TRUST_ALIAS = "sysmon-local-ca";

    private static final Logger LOG = LoggerFactory.getLogger(LocalCertificateAuthority.class);

    /** A certificate with less time left than this is replaced rather than handed out again. */
    private static final Duration DEVICE_RENEWAL = Duration.ofDays(1);
    /** A CA this close to expiry is replaced, so that the certificates it issues are not cut short. */
    private static final Duration CA_RENEWAL = Duration.ofDays(30);
    private static final String DNS_LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern DNS_NAME = Pattern.compile("(\\*\\.)?" + DNS_LABEL + "(\\." + DNS_LABEL + ")*\\.?");
    private static final int MAX_DNS_NAME_LENGTH = 253;

    private final Path certsDir;
    private final Path caFile;
    private final X509Certificate caCertificate;
    private final PrivateKey caKey;
    private final Clock clock;
    private final SecureRandom random;
    private final boolean posix;
    private final ConcurrentMap<String, Object> thingLocks = new ConcurrentHashMap<>();

    private LocalCertificateAuthority(Path certsDir, X509Certificate caCertificate, PrivateKey caKey, Clock clock,
            SecureRandom random, boolean posix) {
        this.certsDir = certsDir;
        this.caFile = certsDir.resolve(CA_CERTIFICATE_FILE_NAME);
        this.caCertificate = caCertificate;
        this.caKey = caKey;
        this.clock = clock;
        this.random = random;
        this.posix = posix;
    }

    /**
     * Loads the CA in {@code certsDir}, or creates one there. Loading keeps the device credentials issued by an
     * earlier run valid; a CA that has expired (or will within 30 days) is replaced, with a warning logged.
     *
     * @param certsDir the certificates directory, e.g. {@code certs}; created (mode 700) when missing
     * @return the CA
     * @throws LocalCertificateException when the directory or files cannot be read or written, or the CA files
     *         exist but are unusable (the message says which file and how to start afresh)
     */
    public static LocalCertificateAuthority createOrLoad(Path certsDir) {
        return createOrLoad(certsDir, Clock.systemUTC());
    }

    /**
     * As {@link #createOrLoad(Path)}, with the source of "now" for validity dates given (tests use a fixed one).
     *
     * @param certsDir the certificates directory; created (mode 700) when missing
     * @param clock the source of "now" for issuing and for deciding whether files are still valid
     * @return the CA
     * @throws LocalCertificateException as for {@link #createOrLoad(Path)}
     */
    public static LocalCertificateAuthority createOrLoad(Path certsDir, Clock clock) {
        Objects.requireNonNull(certsDir, "certsDir");
        Objects.requireNonNull(clock, "clock");
        SecureRandom random = new SecureRandom();
        Path caFile = certsDir.resolve(CA_CERTIFICATE_FILE_NAME);
        Path caKeyFile = certsDir.resolve(CA_PRIVATE_KEY_FILE_NAME);
        boolean posix;
        try {
            LocalCertFiles.createDirectory(certsDir);
            posix = LocalCertFiles.supportsPosix(certsDir);
        } catch (IOException e) {
            throw new LocalCertificateException("cannot create the certificates directory " + certsDir + " ("
                    + e.getMessage() + "): check that its parent exists and is writable, or choose another", e);
        }
        boolean haveCertificate = Files.exists(caFile);
        boolean haveKey = Files.exists(caKeyFile);
        if (haveCertificate && haveKey) {
            Optional<LocalCertificateAuthority> loaded = load(certsDir, caFile, caKeyFile, clock, random, posix);
            if (loaded.isPresent()) {
                return loaded.get();
            }
        } else if (haveCertificate || haveKey) {
            LOG.warn("Found {} but not {}; creating a new local test CA (device credentials are reissued as needed)",
                    haveCertificate ? caFile : caKeyFile, haveCertificate ? caKeyFile : caFile);
        }
        return create(certsDir, caFile, caKeyFile, clock, random, posix);
    }

    /** @return the CA certificate file, {@code <certsDir>/}{@value #CA_CERTIFICATE_FILE_NAME} */
    public Path caFile() {
        return caFile;
    }

    /** @return the CA certificate */
    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /**
     * Returns credentials for a device, issuing them only when needed. Files already in the certificates
     * directory are reused when their certificate was issued by this CA for this thing, is valid for at least
     * another day, and matches a PKCS#8 key beside it; otherwise a new EC P-256 key and a certificate
     * (CN=thing name, valid one year, client authentication only) replace them.
     *
     * <p>Safe to call from many threads at once; calls for the same thing are serialised.
     *
     * @param thingName the thing name: 1–128 characters of {@code [a-zA-Z0-9:_-]}
     * @return where the device's certificate, key and CA files are
     * @throws IllegalArgumentException when {@code thingName} is not a valid thing name (the message names it)
     * @throws LocalCertificateException when the files cannot be written
     */
    public DeviceCredentials issueDevice(String thingName) {
        AwsIotNames.requireThingName(thingName);
        Path certificateFile = certsDir.resolve(AwsIotNames.certificateFileName(thingName));
        Path privateKeyFile = certsDir.resolve(AwsIotNames.privateKeyFileName(thingName));
        DeviceCredentials credentials = new DeviceCredentials(thingName, certificateFile, privateKeyFile, caFile);
        synchronized (thingLocks.computeIfAbsent(thingName, name -> new Object())) {
            Optional<String> reissueReason = reasonToReissue(thingName, certificateFile, privateKeyFile);
            if (reissueReason.isEmpty()) {
                LOG.debug("Reusing the local test credentials of {} in {}", thingName, certsDir);
                return credentials;
            }
            if (Files.exists(certificateFile) || Files.exists(privateKeyFile)) {
                LOG.info("Replacing the local test credentials of {}: {}", thingName, reissueReason.get());
            }
            try {
                KeyPair device = LocalCertBuilder.newKeyPair(random);
                X509Certificate certificate = LocalCertBuilder.deviceCertificate(thingName, device.getPublic(),
                        caCertificate, caKey, clock.instant(), random);
                // Key first: a crash between the two writes leaves a pair that fails the match and is redone.
                LocalCertFiles.writePrivateKey(privateKeyFile, LocalCertBuilder.pkcs8(device), posix);
                LocalCertFiles.writeCertificate(certificateFile, certificate, posix);
            } catch (IOException e) {
                throw new LocalCertificateException("cannot write the credentials of " + thingName + " to "
                        + certsDir + " (" + e.getMessage() + "): check that the directory is writable", e);
            } catch (GeneralSecurityException e) {
                throw new LocalCertificateException("cannot issue a certificate for " + thingName + ": "
                        + e.getMessage(), e);
            }
            LOG.debug("Issued local test credentials for {} in {}", thingName, certsDir);
            return credentials;
        }
    }

    /**
     * Makes a fresh server key and certificate for the local broker's TLS listener, signed by this CA. The
     * certificate names each host in its subject alternative names (DNS names as DNS, IP literals as IP
     * addresses), is for server authentication only and is valid one year. Nothing is written to disk.
     *
     * @param password protects the key entry, and the store when it is saved with {@link KeyStore#store}
     * @param hostNamesOrIps the names clients connect to, e.g. {@code "localhost", "127.0.0.1"}; at least one
     * @return a PKCS12 key store with one key entry, {@value #SERVER_KEY_ALIAS}, chain [server, CA]
     * @throws IllegalArgumentException when no host is given or one is neither a DNS name nor an IP literal
     */
    public KeyStore serverKeyStore(char[] password, String... hostNamesOrIps) {
        Objects.requireNonNull(password, "password");
        List<String> hosts = requireHosts(hostNamesOrIps);
        try {
            KeyPair server = LocalCertBuilder.newKeyPair(random);
            X509Certificate certificate = LocalCertBuilder.serverCertificate(hosts, server.getPublic(),
                    caCertificate, caKey, clock.instant(), random);
            KeyStore store = emptyPkcs12(password);
            store.setKeyEntry(SERVER_KEY_ALIAS, server.getPrivate(), password,
                    new Certificate[] {certificate, caCertificate});
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new LocalCertificateException("cannot make the local endpoint's server certificate for "
                    + hosts + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes a trust store holding only this CA, for a broker that accepts clients whose certificates this CA
     * signed.
     *
     * @param password protects the store when it is saved with {@link KeyStore#store}
     * @return a PKCS12 key store with one trusted certificate entry, {@value #CA_TRUST_ALIAS}
     */
    public KeyStore trustStore(char[] password) {
        Objects.requireNonNull(password, "password");
        try {
            KeyStore store = emptyPkcs12(password);
            store.setCertificateEntry(CA_TRUST_ALIAS, caCertificate);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new LocalCertificateException("cannot make the local CA's trust store: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "LocalCertificateAuthority[" + caFile + "]";
    }

    private static LocalCertificateAuthority create(Path certsDir, Path caFile, Path caKeyFile, Clock clock,
            SecureRandom random, boolean posix) {
        try {
            KeyPair ca = LocalCertBuilder.newKeyPair(random);
            X509Certificate certificate = LocalCertBuilder.caCertificate(ca, clock.instant(), random);
            LocalCertFiles.writePrivateKey(caKeyFile, LocalCertBuilder.pkcs8(ca), posix);
            LocalCertFiles.writeCertificate(caFile, certificate, posix);
            LOG.info("Created a new local test CA in {} (valid until {})", caFile,
                    certificate.getNotAfter().toInstant());
            return new LocalCertificateAuthority(certsDir, certificate, ca.getPrivate(), clock, random, posix);
        } catch (IOException e) {
            throw new LocalCertificateException("cannot write the local CA to " + certsDir + " (" + e.getMessage()
                    + "): check that the directory is writable", e);
        } catch (GeneralSecurityException e) {
            throw new LocalCertificateException("cannot create the local CA: " + e.getMessage(), e);
        }
    }

    private static Optional<LocalCertificateAuthority> load(Path certsDir, Path caFile, Path caKeyFile,
            Clock clock, SecureRandom random, boolean posix) {
        String startAfresh = ": delete " + caFile + " and " + caKeyFile + " to create a new local CA (the device"
                + " credentials it issued are then reissued when next asked for)";
        PemContent certificates = readPem(caFile);
        PemContent keys = readPem(caKeyFile);
        if (certificates.certificates().isEmpty()) {
            throw new LocalCertificateException("local CA certificate " + caFile + " holds no certificate"
                    + certificates.error().map(e -> " (" + e + ")").orElse("") + startAfresh);
        }
        if (keys.privateKeys().isEmpty()) {
            throw new LocalCertificateException("local CA key " + caKeyFile + " holds no unencrypted private key"
                    + keys.error().map(e -> " (" + e + ")").orElse("") + startAfresh);
        }
        X509Certificate certificate = certificates.certificates().get(0);
        PrivateKey key = keys.privateKeys().get(0);
        if (certificate.getBasicConstraints() < 0) {
            throw new LocalCertificateException("local CA certificate " + caFile + " is not a CA certificate"
                    + startAfresh);
        }
        try {
            if (!CredentialKeys.matches(key, certificate.getPublicKey())) {
                throw new LocalCertificateException("local CA key " + caKeyFile + " does not match " + caFile
                        + startAfresh);
            }
        } catch (GeneralSecurityException e) {
            throw new LocalCertificateException("local CA key " + caKeyFile + " cannot sign (" + e.getMessage() + ")"
                    + startAfresh, e);
        }
        Instant now = clock.instant();
        if (!validThroughout(certificate, now, CA_RENEWAL)) {
            LOG.warn("Local test CA {} is valid from {} to {}, which does not cover the coming {} days from {};"
                    + " replacing it (device credentials are reissued as needed)", caFile,
                    certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(),
                    CA_RENEWAL.toDays(), now);
            return Optional.empty();
        }
        LOG.debug("Loaded the local test CA from {}", caFile);
        return Optional.of(new LocalCertificateAuthority(certsDir, certificate, key, clock, random, posix));
    }

    private static PemContent readPem(Path file) {
        try {
            return PemContent.read(file);
        } catch (IOException e) {
            throw new LocalCertificateException("cannot read " + file + " (" + e.getMessage()
                    + "): check its permissions, or delete it to start afresh", e);
        }
    }

    /** @return why the device's files cannot be handed out again; empty when they can */
    private Optional<String> reasonToReissue(String thingName, Path certificateFile, Path privateKeyFile) {
        if (!Files.isRegularFile(certificateFile) || !Files.isRegularFile(privateKeyFile)) {
            return Optional.of("no certificate and key yet");
        }
        PemContent certificates;
        PemContent keys;
        try {
            certificates = PemContent.read(certificateFile);
            keys = PemContent.read(privateKeyFile);
        } catch (IOException e) {
            return Optional.of("cannot read them (" + e.getMessage() + ")");
        }
        if (certificates.certificates().isEmpty()) {
            return Optional.of(certificateFile + " holds no certificate");
        }
        // Only PKCS#8 is reused: the AWS CRT's TLS stack refuses a SEC1 EC key without curve parameters.
        if (keys.privateKeys().size() != 1 || !keys.labels().equals(List.of("PRIVATE KEY"))) {
            return Optional.of(privateKeyFile + " does not hold exactly one PKCS#8 private key");
        }
        X509Certificate certificate = certificates.certificates().get(0);
        if (!certificate.getSubjectX500Principal().equals(new X500Principal("CN=" + thingName))) {
            return Optional.of(certificateFile + " was issued to " + certificate.getSubjectX500Principal().getName());
        }
        try {
            // Every local CA has the same name, so only the signature tells whether this one issued it.
            certificate.verify(caCertificate.getPublicKey());
        } catch (GeneralSecurityException e) {
            return Optional.of(certificateFile + " was not issued by " + caFile);
        }
        if (!validThroughout(certificate, clock.instant(), DEVICE_RENEWAL)) {
            return Optional.of(certificateFile + " is valid only from " + certificate.getNotBefore().toInstant()
                    + " to " + certificate.getNotAfter().toInstant());
        }
        try {
            if (!CredentialKeys.matches(keys.privateKeys().get(0), certificate.getPublicKey())) {
                return Optional.of(privateKeyFile + " does not match " + certificateFile);
            }
        } catch (GeneralSecurityException e) {
            return Optional.of(privateKeyFile + " cannot sign (" + e.getMessage() + ")");
        }
        return Optional.empty();
    }

    /** @return whether {@code certificate} is valid now and will still be after {@code margin} */
    private static boolean validThroughout(X509Certificate certificate, Instant now, Duration margin) {
        return !now.isBefore(certificate.getNotBefore().toInstant())
                && !now.plus(margin).isAfter(certificate.getNotAfter().toInstant());
    }

    private static List<String> requireHosts(String... hostNamesOrIps) {
        Objects.requireNonNull(hostNamesOrIps, "hostNamesOrIps");
        if (hostNamesOrIps.length == 0) {
            throw new IllegalArgumentException("hostNamesOrIps must name at least one host clients connect to,"
                    + " e.g. \"localhost\", \"127.0.0.1\"");
        }
        for (String host : hostNamesOrIps) {
            boolean valid = host != null && (LocalCertBuilder.isIpAddress(host)
                    || (host.length() <= MAX_DNS_NAME_LENGTH && DNS_NAME.matcher(host).matches()));
            if (!valid) {
                throw new IllegalArgumentException("hostNamesOrIps must hold DNS names such as 'localhost' or IP"
                        + " literals such as '127.0.0.1', got " + (host == null ? "null" : "'" + host + "'"));
            }
        }
        return List.of(hostNamesOrIps);
    }

    private static KeyStore emptyPkcs12(char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, password);
        return store;
    }
}
