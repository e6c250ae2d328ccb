package io.sysmon.shadow.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sysmon.shadow.internal.CredentialCheck;
import io.sysmon.shadow.internal.CredentialKeys;
import io.sysmon.shadow.internal.PemContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.crt.CRT;
import software.amazon.awssdk.crt.CRT.UnknownPlatformException;
import software.amazon.awssdk.crt.CrtRuntimeException;
import software.amazon.awssdk.crt.io.TlsContext;
import software.amazon.awssdk.crt.io.TlsContextOptions;

class LocalCertificateAuthorityTest {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCertificateAuthorityTest.class);
    private static final int TIMEOUT_MILLIS = 10_000;
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final String THING = "my_iot_device_1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    @TempDir
    Path tmp;

    private Path certs() {
        return tmp.resolve("certs");
    }

    @Test
    void createsTheCaUnderItsOwnNameWithOwnerOnlyKeyAndDirectory() throws Exception {
        LocalCertificateAuthority ca = LocalCertificateAuthority.createOrLoad(certs());

        assertEquals(certs().resolve("sysmon-local-ca.pem"), ca.caFile());
        assertTrue(Files.isRegularFile(certs().resolve("sysmon-local-ca-private.pem.key")));
        assertFalse(Files.exists(certs().resolve("AmazonRootCA1.pem")));
        assertMode("rwx------", certs());
        assertMode("rw-r--r--", ca.caFile());
        assertMode("rw-------", certs().resolve("sysmon-local-ca-private.pem.key"));

        X509Certificate caCertificate = certificateIn(ca.caFile());
        assertEquals(caCertificate, ca.caCertificate());
        assertEquals("CN=sysmon local test CA \u2014 not for production",
                caCertificate.getSubjectX500Principal().getName());
        assertTrue(caCertificate.getBasicConstraints() >= 0, "CA=true");
        assertTrue(caCertificate.getCriticalExtensionOIDs().contains("2.5.29.19"), "basicConstraints critical");
        boolean[] keyUsage = caCertificate.getKeyUsage();
        assertTrue(keyUsage[5] && keyUsage[6] && !keyUsage[0], "keyCertSign + cRLSign only");
        assertEquals("SHA256withECDSA", caCertificate.getSigAlgName());
        assertEquals("EC", caCertificate.getPublicKey().getAlgorithm());
        Duration validity = Duration.between(caCertificate.getNotBefore().toInstant(),
                caCertificate.getNotAfter().toInstant());
        assertTrue(validity.toDays() >= 3650 && validity.toDays() <= 3654, validity.toString());
        caCertificate.verify(caCertificate.getPublicKey());
    }

    @Test
    void issuesDeviceFilesUnderTheAwsConsoleNamesAndModes() throws Exception {
        LocalCertificateAuthority ca = LocalCertificateAuthority.createOrLoad(certs());

        DeviceCredentials device = ca.issueDevice(THING);

        assertEquals(new DeviceCredentials(THING, certs().resolve(THING + "-certificate.pem.crt"),
                certs().resolve(THING + "-private.pem.key"), certs().resolve("sysmon-local-ca.pem")), device);
        assertMode("rw-r--r--", device.certificateFile());
        assertMode("rw-------", device.privateKeyFile());
        String keyPem = Files.readString(device.privateKeyFile());
        assertTrue(keyPem.startsWith("-----BEGIN PRIVATE KEY-----\n"), keyPem);
        assertEquals(List.of("PRIVATE KEY"), PemContent.parse(keyPem).labels());
        try (var listing = Files.list(certs())) {
            assertTrue(listing.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files");
        }

        X509Certificate certificate = certificateIn(device.certificateFile());
        assertEquals("CN=" + THING, certificate.getSubjectX500Principal().getName());
        assertEquals(ca.caCertificate().getSubjectX500Principal(), certificate.getIssuerX500Principal());
        certificate.verify(ca.caCertificate().getPublicKey());
        assertEquals(List.of(CLIENT_AUTH), certificate.getExtendedKeyUsage());
        boolean[] keyUsage = certificate.getKeyUsage();
        assertTrue(keyUsage[0] && !keyUsage[5], "digitalSignature, not keyCertSign");
        assertEquals(-1, certificate.getBasicConstraints());
        Duration validity = Duration.between(certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant());
        assertEquals(365, validity.toDays());
        assertTrue(CredentialKeys.matches(keyIn(device.privateKeyFile()), certificate.getPublicKey()));
    }

    @Test
    void credentialCheckPassesOnFreshlyIssuedDeviceFiles() {
        DeviceCredentials device = LocalCertificateAuthority.createOrLoad(certs()).issueDevice(THING);

        CredentialCheck.Result result = CredentialCheck.check(device.certificateFile(), device.privateKeyFile(),
                device.caFile(), Clock.systemUTC());

        assertEquals(List.of(), result.problems());
        if (posix()) {
            assertEquals(List.of(), result.warnings());
        }
    }

    @Test
    void reloadKeepsTheSameCaAndItsDevicesValid() throws Exception {
        LocalCertificateAuthority first = LocalCertificateAuthority.createOrLoad(certs());
        DeviceCredentials device = first.issueDevice(THING);
        byte[] certificateBefore = Files.readAllBytes(device.certificateFile());
        byte[] keyBefore = Files.readAllBytes(device.privateKeyFile());

        LocalCertificateAuthority restarted = LocalCertificateAuthority.createOrLoad(certs());

        assertEquals(first.caCertificate(), restarted.caCertificate());
        assertEquals(device, restarted.issueDevice(THING));
        assertArrayEquals(certificateBefore, Files.readAllBytes(device.certificateFile()));
        assertArrayEquals(keyBefore, Files.readAllBytes(device.privateKeyFile()));
    }

    @Test
    void reissueReusesValidDeviceFiles() throws Exception {
        LocalCertificateAuthority ca = LocalCertificateAuthority.createOrLoad(certs());
        DeviceCredentials device = ca.issueDevice(THING);
        byte[] certificateBefore = Files.readAllBytes(device.certificateFile());
        byte[] keyBefore = Files.readAllBytes(device.privateKeyFile());

        assertEquals(device, ca.issueDevice(THING));

        assertArrayEquals(certificateBefore, Files.readAllBytes(device.certificateFile()));
        assertArrayEquals(keyBefore, Files.readAllBytes(device.privateKeyFile()));
    }

    @Test
    void reissueRegeneratesWhenTheKeyDoesNotMatch() throws Exception {
        LocalCertificateAuthority ca = LocalCertificateAuthority.createOrLoad(certs());
        DeviceCredentials device = ca.issueDevice(THING);
        KeyPair stranger = LocalCertBuilder.newKeyPair(new java.security.SecureRandom());
        LocalCertFiles.writePrivateKey(device.privateKeyFile(), LocalCertBuilder.pkcs8(stranger),
                LocalCertFiles.supportsPosix(certs()));
        X509Certificate before = certificateIn(device.certificateFile());

        ca.issueDevice(THING);

        X509Certificate after = certificateIn(device.certificateFile());
        assertNotEquals(before, after);
        PrivateKey key = keyIn(device.privateKeyFile());
        assertTrue(CredentialKeys.matches(key, after.getPublicKey()));
        assertFalse(CredentialKeys.matches(stranger.getPrivate(), after.getPublicKey()));
        assertMode("rw-------", device.privateKeyFile());
    }

    @Test
    void reissueReplacesFilesIssuedByAnotherCa() throws Exception {
        LocalCertificateAuthority ours = LocalCertificateAuthority.createOrLoad(certs());
        DeviceCredentials foreign = LocalCertificateAuthority.createOrLoad(tmp.resolve("other")).issueDevice(THING);
        Files.copy(foreign.certificateFile(), certs().resolve(THING + "-certificate.pem.crt"));
        Files.copy(foreign.privateKeyFile(), certs().resolve(THING + "-private.pem.key"));

        DeviceCredentials device = ours.issueDevice(THING);

        certificateIn(device.certificateFile()).verify(ours.caCertificate().getPublicKey());
    }

    @Test
    void reissueRenewsAnExpiredDeviceCertificateAndAnExpiredCa() throws Exception {
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        LocalCertificateAuthority young = LocalCertificateAuthority.createOrLoad(certs(), fixed(start));
        DeviceCredentials device = young.issueDevice(THING);

        Instant later = start.plus(Duration.ofDays(400));
        LocalCertificateAuthority sameCa = LocalCertificateAuthority.createOrLoad(certs(), fixed(later));
        assertEquals(young.caCertificate(), sameCa.caCertificate());
        sameCa.issueDevice(THING);
        assertTrue(certificateIn(device.certificateFile()).getNotAfter().toInstant().isAfter(later));

        Instant muchLater = start.plus(Duration.ofDays(3700));
        LocalCertificateAuthority newCa = LocalCertificateAuthority.createOrLoad(certs(), fixed(muchLater));
        assertNotEquals(young.caCertificate(), newCa.caCertificate());
        newCa.issueDevice(THING);
        certificateIn(device.certificateFile()).verify(newCa.caCertificate().getPublicKey());
    }

    @Test
    void unusableCaFilesAreAnErrorNamingTheFileAndTheFix() throws Exception {
        LocalCertificateAuthority.createOrLoad(certs());
        Path caKey = certs().resolve("sysmon-local-ca-private.pem.key");
        Files.writeString(caKey, "not a key\n");

        LocalCertificateException e = assertThrows(LocalCertificateException.class,
                () -> LocalCertificateAuthority.createOrLoad(certs()));

        assertTrue(e.getMessage().startsWith("local CA key " + caKey + " holds no unencrypted private key"),
                e.getMessage());
        assertTrue(e.getMessage().contains("delete " + certs().resolve("sysmon-local-ca.pem") + " and " + caKey),
                e.getMessage());
    }

    @Test
    void loneCaFileIsReplacedByANewCa() throws Exception {
        LocalCertificateAuthority first = LocalCertificateAuthority.createOrLoad(certs());
        Files.delete(certs().resolve("sysmon-local-ca-private.pem.key"));

        LocalCertificateAuthority second = LocalCertificateAuthority.createOrLoad(certs());

        assertNotEquals(first.caCertificate(), second.caCertificate());
        assertTrue(Files.exists(certs().resolve("sysmon-local-ca-private.pem.key")));
    }

    @Test
    void invalidThingNamesAreRejectedNamingTheValue() {
        LocalCertificateAuthority ca = LocalCertificateAuthority.createOrLoad(certs());
        for (String bad : List.of("", "has space", "../escape", "a/b", "x".repeat(129), "caf\u00e9")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ca.issueDevice(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ca.issueDevice(null));
        assertEquals("a:b_c-D9", ca.issueDevice("a:b_c-D9").thingName());
        assertEquals(128, ca.issueDevice("y".repeat(128)).thingName().length());
    }

    @Test
    void serverKeyStoreHoldsACertificateForEveryHostChainedToTheCa() throws Exception {
        LocalCertificateAuthority ca = LocalCertificateAuthority.createOrLoad(certs());

        KeyStore store = ca.serverKeyStore(PASSWORD, "localhost", "127.0.0.1", "::1", "broker.example");

        assertEquals("PKCS12", store.getType());
        assertEquals(List.of(LocalCertificateAuthority.SERVER_KEY_ALIAS), java.util.Collections.list(store.aliases()));
        Certificate[] chain = store.getCertificateChain(LocalCertificateAuthority.SERVER_KEY_ALIAS);
        assertEquals(2, chain.length);
        assertEquals(ca.caCertificate(), chain[1]);
        X509Certificate server = (X509Certificate) chain[0];
        server.verify(ca.caCertificate().getPublicKey());
        assertEquals(List.of(SERVER_AUTH), server.getExtendedKeyUsage());
        Set<List<?>> names = new HashSet<>();
        for (List<?> name : server.getSubjectAlternativeNames()) {
            names.add(name);
        }
        assertTrue(names.contains(List.of(2, "localhost")), names.toString());
        assertTrue(names.contains(List.of(2, "broker.example")), names.toString());
        assertTrue(names.contains(List.of(7, "127.0.0.1")), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.get(0).equals(7) && n.get(1).toString().startsWith("0:0:")),
                names.toString());
        PrivateKey key = (PrivateKey) store.getKey(LocalCertificateAuthority.SERVER_KEY_ALIAS, PASSWORD);
        assertTrue(CredentialKeys.matches(key, server.getPublicKey()));
    }

    @Test
    void serverKeyStoreRejectsBadHostNamesNamingThem() {
        LocalCertificateAuthority ca = LocalCertificateAuthority.createOrLoad(certs());
        assertThrows(IllegalArgumentException.class, () -> ca.serverKeyStore(PASSWORD));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ca.serverKeyStore(PASSWORD, "localhost", "bad host"));
        assertTrue(e.getMessage().contains("'bad host'"), e.getMessage());
    }

    @Test
    void trustStoreHoldsOnlyTheCaAsTrusted() throws Exception {
        LocalCertificateAuthority ca = LocalCertificateAuthority.createOrLoad(certs());

        KeyStore store = ca.trustStore(PASSWORD);

        assertEquals(List.of(LocalCertificateAuthority.CA_TRUST_ALIAS), java.util.Collections.list(store.aliases()));
        assertTrue(store.isCertificateEntry(LocalCertificateAuthority.CA_TRUST_ALIAS));
        assertEquals(ca.caCertificate(), store.getCertificate(LocalCertificateAuthority.CA_TRUST_ALIAS));
    }

    @Test
    void mutualTlsHandshakeSucceedsWithAnIssuedDevice() throws Exception {
        LocalCertificateAuthority ca = LocalCertificateAuthority.createOrLoad(certs());
        DeviceCredentials device = ca.issueDevice(THING);

        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (SSLServerSocket server = tlsServer(ca)) {
            Future<String> serverSide = executor.submit(() -> echoOnce(server));

            int echoed = tlsClientRoundTrip(device, server.getLocalPort());

            assertEquals(42, echoed);
            assertEquals("CN=" + THING, serverSide.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        } finally {
            executor.shutdownNow();
            assertTrue(executor.awaitTermination(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void mutualTlsHandshakeFailsWithADeviceOfAnotherCa() throws Exception {
        LocalCertificateAuthority ca = LocalCertificateAuthority.createOrLoad(certs());
        DeviceCredentials stranger = LocalCertificateAuthority.createOrLoad(tmp.resolve("other")).issueDevice(THING);
        // The stranger trusts our CA, so only its own certificate can make the handshake fail.
        DeviceCredentials strangerTrustingUs = new DeviceCredentials(THING, stranger.certificateFile(),
                stranger.privateKeyFile(), ca.caFile());

        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (SSLServerSocket server = tlsServer(ca)) {
            Future<String> serverSide = executor.submit(() -> echoOnce(server));

            Integer echoed;
            try {
                echoed = tlsClientRoundTrip(strangerTrustingUs, server.getLocalPort());
            } catch (IOException expected) {
                echoed = null; // TLS 1.2 fails in the handshake; TLS 1.3 on the first read
            }

            assertTrue(echoed == null || echoed == -1, "no echo, got " + echoed);
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> serverSide.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
            assertInstanceOf(SSLHandshakeException.class, failure.getCause());
        } finally {
            executor.shutdownNow();
            assertTrue(executor.awaitTermination(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void issuesAThousandDevicesConcurrentlyInAFewSeconds() throws Exception {
        LocalCertificateAuthority ca = LocalCertificateAuthority.createOrLoad(certs());
        int devices = 1000;
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            long start = System.nanoTime();
            List<Future<DeviceCredentials>> issued = new ArrayList<>();
            for (int i = 0; i < devices; i++) {
                String thing = String.format("fleet-%04d", i);
                issued.add(executor.submit(() -> ca.issueDevice(thing)));
            }
            List<DeviceCredentials> all = new ArrayList<>();
            for (Future<DeviceCredentials> future : issued) {
                all.add(future.get(60, TimeUnit.SECONDS));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            LOG.info("Issued {} devices in {} ms", devices, took.toMillis());
            assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "took " + took);

            assertEquals(devices, all.stream().map(DeviceCredentials::thingName).distinct().count());
            for (DeviceCredentials device : List.of(all.get(0), all.get(devices / 2), all.get(devices - 1))) {
                X509Certificate certificate = certificateIn(device.certificateFile());
                certificate.verify(ca.caCertificate().getPublicKey());
                assertTrue(CredentialKeys.matches(keyIn(device.privateKeyFile()), certificate.getPublicKey()));
            }
        } finally {
            executor.shutdownNow();
            assertTrue(executor.awaitTermination(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void concurrentIssuesOfOneThingLeaveAMatchingPair() throws Exception {
        LocalCertificateAuthority ca = LocalCertificateAuthority.createOrLoad(certs());
        ExecutorService executor = Executors.newFixedThreadPool(8);
        Set<DeviceCredentials> answers = new HashSet<>();
        try {
            List<Future<DeviceCredentials>> issued = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                issued.add(executor.submit(() -> ca.issueDevice(THING)));
            }
            for (Future<DeviceCredentials> future : issued) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            executor.shutdownNow();
            assertTrue(executor.awaitTermination(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        }
        assertEquals(Set.of(new DeviceCredentials(THING, certs().resolve(THING + "-certificate.pem.crt"),
                certs().resolve(THING + "-private.pem.key"), ca.caFile())), answers);
        // The files as the calls left them: issuing again would repair a mismatch.
        X509Certificate certificate = certificateIn(certs().resolve(THING + "-certificate.pem.crt"));
        certificate.verify(ca.caCertificate().getPublicKey());
        assertTrue(CredentialKeys.matches(keyIn(certs().resolve(THING + "-private.pem.key")),
                certificate.getPublicKey()));
    }

    @Test
    void awsCrtAcceptsTheIssuedKeyThoughNotASec1KeyThatDoesNotNameItsCurve() throws Exception {
        DeviceCredentials device = LocalCertificateAuthority.createOrLoad(certs()).issueDevice(THING);
        assumeCrtLoads();

        assertDoesNotThrow(() -> crtTlsContext(device.certificateFile(), device.privateKeyFile(), device.caFile()));

        // The control: the same key as SEC1 without curve parameters, what writing the JDK key directly gives.
        StringWriter sec1 = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(sec1)) {
            writer.writeObject(keyIn(device.privateKeyFile()));
        }
        assertTrue(sec1.toString().startsWith("-----BEGIN EC PRIVATE KEY-----"), sec1.toString());
        Path sec1File = Files.writeString(tmp.resolve("sec1.pem.key"), sec1.toString());
        assertThrows(CrtRuntimeException.class,
                () -> crtTlsContext(device.certificateFile(), sec1File, device.caFile()));
    }

    /** Builds the CRT's mutual-TLS context as the device SDK does; the native TLS stack parses the files here. */
    private static void crtTlsContext(Path certificate, Path key, Path ca) {
        try (TlsContextOptions options = TlsContextOptions.createWithMtlsFromPath(certificate.toString(),
                key.toString())) {
            options.overrideDefaultTrustStoreFromPath(null, ca.toString());
            try (TlsContext context = new TlsContext(options)) {
                assertTrue(context.getNativeHandle() != 0);
            }
        }
    }

    private static void assumeCrtLoads() {
        try {
            CRT.getOSIdentifier();
        } catch (UnknownPlatformException | LinkageError e) {
            assumeTrue(false, "the AWS CRT's native library does not load here: " + e);
        }
    }

    private static SSLServerSocket tlsServer(LocalCertificateAuthority ca) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(ca.serverKeyStore(PASSWORD, "localhost", "127.0.0.1"), PASSWORD);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(ca.trustStore(PASSWORD));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        server.setNeedClientAuth(true);
        server.setSoTimeout(TIMEOUT_MILLIS);
        return server;
    }

    /** @return the client certificate's subject, after echoing one byte */
    private static String echoOnce(SSLServerSocket server) throws IOException {
        try (SSLSocket socket = (SSLSocket) server.accept()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.startHandshake();
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            out.write(in.read());
            out.flush();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal()
                    .getName();
        }
    }

    /** Connects as the device, from its PEM files, checking the server's name; returns the byte echoed. */
    private static int tlsClientRoundTrip(DeviceCredentials device, int port) throws Exception {
        X509Certificate certificate = certificateIn(device.certificateFile());
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, PASSWORD);
        identity.setKeyEntry("device", keyIn(device.privateKeyFile()), PASSWORD, new Certificate[] {certificate});
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, PASSWORD);
        trusted.setCertificateEntry("ca", certificateIn(device.caFile()));

        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, PASSWORD);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);

        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            SSLParameters parameters = socket.getSSLParameters();
            // Checks the server certificate's IP SAN, as the device SDK checks the endpoint's name.
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
            socket.startHandshake();
            socket.getOutputStream().write(42);
            socket.getOutputStream().flush();
            return socket.getInputStream().read();
        }
    }

    private static X509Certificate certificateIn(Path file) throws IOException {
        Collection<X509Certificate> certificates = PemContent.read(file).certificates();
        assertFalse(certificates.isEmpty(), file + " holds no certificate");
        return certificates.iterator().next();
    }

    private static PrivateKey keyIn(Path file) throws IOException {
        List<PrivateKey> keys = PemContent.read(file).privateKeys();
        assertEquals(1, keys.size(), file + " should hold one key");
        return keys.get(0);
    }

    private static Clock fixed(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void assertMode(String expected, Path file) throws IOException {
        if (posix()) {
            assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
        }
    }
}
