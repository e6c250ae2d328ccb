package io.sysmon.shadow.internal;

import static io.sysmon.shadow.internal.CredentialTestFiles.caCertificate;
import static io.sysmon.shadow.internal.CredentialTestFiles.certificate;
import static io.sysmon.shadow.internal.CredentialTestFiles.pem;
import static io.sysmon.shadow.internal.CredentialTestFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sysmon.shadow.internal.CredentialCheck.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialCheckTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Instant LAST_YEAR = NOW.minus(Duration.ofDays(365));
    private static final Instant NEXT_YEAR = NOW.plus(Duration.ofDays(365));

    // RSA-2048 generation is slow, so the class shares one CA and one device; each test writes its own files.
    private static KeyPair caKeys;
    private static X509Certificate ca;
    private static KeyPair deviceKeys;
    private static X509Certificate device;

    @TempDir
    Path dir;
    private Path certificateFile;
    private Path keyFile;
    private Path caFile;

    @BeforeAll
    static void makeCaAndDevice() {
        caKeys = CredentialTestFiles.rsa2048();
        ca = caCertificate("Test Root CA", caKeys, LAST_YEAR, NOW.plus(Duration.ofDays(3650)));
        deviceKeys = CredentialTestFiles.rsa2048();
        device = certificate("my_iot_device_1", deviceKeys.getPublic(), false, ca, caKeys.getPrivate(), LAST_YEAR,
                NEXT_YEAR);
    }

    @BeforeEach
    void names() {
        certificateFile = dir.resolve("my_iot_device_1-certificate.pem.crt");
        keyFile = dir.resolve("my_iot_device_1-private.pem.key");
        caFile = dir.resolve("AmazonRootCA1.pem");
    }

    private void writeValidSet() throws IOException {
        write(certificateFile, pem(device));
        write(keyFile, CredentialTestFiles.traditionalPem(deviceKeys.getPrivate()));
        write(caFile, pem(ca));
        ownerOnly(keyFile);
    }

    private Result check() {
        return CredentialCheck.check(certificateFile, keyFile, caFile, CLOCK);
    }

    @Test
    void awsConsoleSetWithRsaPkcs1KeyIsOkWithoutProblemsOrWarnings() throws IOException {
        writeValidSet();
        assertTrue(Files.readString(keyFile).startsWith("-----BEGIN RSA PRIVATE KEY-----"));

        Result result = check();

        assertEquals(List.of(), result.problems());
        assertEquals(List.of(), result.warnings());
        assertTrue(result.ok());
    }

    @Test
    void ecKeyInPkcs8IsAccepted() throws IOException {
        KeyPair ec = CredentialTestFiles.ecP256();
        writeEcDevice(ec, CredentialTestFiles.pkcs8Pem(ec.getPrivate()));
        assertTrue(Files.readString(keyFile).startsWith("-----BEGIN PRIVATE KEY-----"));

        assertEquals(List.of(), check().problems());
    }

    @Test
    void ecKeyInSec1IsAccepted() throws IOException {
        KeyPair ec = CredentialTestFiles.ecP256();
        writeEcDevice(ec, CredentialTestFiles.sec1Pem(ec));
        assertTrue(Files.readString(keyFile).startsWith("-----BEGIN EC PRIVATE KEY-----"));

        assertEquals(List.of(), check().problems());
    }

    @Test
    void sec1KeyThatDoesNotNameItsCurveIsAProblem() throws IOException {
        KeyPair ec = CredentialTestFiles.ecP256();
        writeEcDevice(ec, CredentialTestFiles.traditionalPem(ec.getPrivate()));

        assertEquals(List.of("private key " + keyFile + " is an EC key that does not name its curve, which the AWS"
                + " CRT cannot use: give the key as AWS or openssl wrote it, or run 'sysmon.jar local' to create"
                + " local test credentials anew"), check().problems());
    }

    @Test
    void sec1KeyAfterEcParametersBlockAsOpensslEcparamWritesItIsAccepted() throws IOException {
        KeyPair ec = CredentialTestFiles.ecP256();
        writeEcDevice(ec, pem("EC PARAMETERS", SECObjectIdentifiers.secp256r1.getEncoded())
                + CredentialTestFiles.sec1Pem(ec));

        assertEquals(List.of(), check().problems());
    }

    @Test
    void rsaKeyInPkcs8IsAccepted() throws IOException {
        writeValidSet();
        write(keyFile, CredentialTestFiles.pkcs8Pem(deviceKeys.getPrivate()));

        assertEquals(List.of(), check().problems());
    }

    @Test
    void certificateFollowedByItsChainIsAccepted() throws IOException {
        KeyPair intermediateKeys = CredentialTestFiles.ecP256();
        X509Certificate intermediate = certificate("Test Intermediate CA", intermediateKeys.getPublic(), true, ca,
                caKeys.getPrivate(), LAST_YEAR, NEXT_YEAR);
        KeyPair ec = CredentialTestFiles.ecP256();
        X509Certificate leaf = certificate("my_iot_device_1", ec.getPublic(), false, intermediate,
                intermediateKeys.getPrivate(), LAST_YEAR, NEXT_YEAR);
        write(certificateFile, pem(leaf, intermediate));
        write(keyFile, CredentialTestFiles.pkcs8Pem(ec.getPrivate()));
        write(caFile, pem(ca));
        ownerOnly(keyFile);

        Result result = check();

        assertEquals(List.of(), result.problems());
        assertEquals(List.of(), result.warnings());
    }

    @Test
    void encryptedPkcs8KeyIsAProblemThatSaysHowToDecrypt() throws IOException {
        writeValidSet();
        write(keyFile, CredentialTestFiles.encryptedPkcs8Pem(deviceKeys.getPrivate(), "secret".toCharArray()));
        assertTrue(Files.readString(keyFile).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));

        assertEncryptedKeyProblem(check());
    }

    @Test
    void encryptedTraditionalKeyIsAProblemThatSaysHowToDecrypt() throws IOException {
        writeValidSet();
        write(keyFile, CredentialTestFiles.encryptedTraditionalPem(deviceKeys.getPrivate(), "secret".toCharArray()));
        assertTrue(Files.readString(keyFile).contains("Proc-Type: 4,ENCRYPTED"));

        assertEncryptedKeyProblem(check());
    }

    private void assertEncryptedKeyProblem(Result result) {
        assertEquals(List.of("private key " + keyFile + " is encrypted (password-protected), and encrypted keys"
                + " are not supported: decrypt it with 'openssl pkey -in " + keyFile + " -out " + keyFile
                + ".plain', then use " + keyFile + ".plain and run 'chmod 600 " + keyFile + ".plain'"),
                result.problems());
    }

    @Test
    void allThreeFilesMissingGiveThreeProblemsInOneResult() {
        Path relativeCertificate = Path.of("certs/x-certificate.pem.crt");
        Path relativeKey = Path.of("certs/x-private.pem.key");
        Path relativeCa = Path.of("certs/AmazonRootCA1.pem");
        assumeTrue(!Files.exists(relativeCertificate) && !Files.exists(relativeKey) && !Files.exists(relativeCa));

        Result result = CredentialCheck.check(relativeCertificate, relativeKey, relativeCa, CLOCK);

        assertFalse(result.ok());
        assertEquals(3, result.problems().size(), result.problems().toString());
        assertEquals("certificate file certs/x-certificate.pem.crt does not exist: download the device certificate"
                + " from the AWS IoT console, or run 'sysmon.jar local' to create local test credentials",
                result.problems().get(0));
        assertTrue(result.problems().get(1).startsWith("private key certs/x-private.pem.key does not exist: "),
                result.problems().get(1));
        assertTrue(result.problems().get(2).startsWith("CA file certs/AmazonRootCA1.pem does not exist: download"
                + " AmazonRootCA1.pem from https://www.amazontrust.com/repository/AmazonRootCA1.pem"),
                result.problems().get(2));
        assertEquals(List.of(), result.warnings());
    }

    @Test
    void emptyFileIsAProblem() throws IOException {
        writeValidSet();
        write(certificateFile, "");

        assertEquals(List.of("certificate file " + certificateFile + " is empty: download the device certificate"
                + " from the AWS IoT console, or run 'sysmon.jar local' to create local test credentials"),
                check().problems());
    }

    @Test
    void garbageFileIsAProblem() throws IOException {
        writeValidSet();
        write(caFile, "<html>404 Not Found</html>\n");

        Result result = check();

        assertEquals(1, result.problems().size(), result.problems().toString());
        assertTrue(result.problems().get(0).startsWith("CA file " + caFile + " holds no PEM data"),
                result.problems().get(0));
    }

    @Test
    void garbageInsidePemArmourIsAProblem() throws IOException {
        writeValidSet();
        write(keyFile, "-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5\n-----END RSA PRIVATE KEY-----\n");

        Result result = check();

        assertEquals(1, result.problems().size(), result.problems().toString());
        assertTrue(result.problems().get(0).startsWith("private key " + keyFile + " is not valid PEM ("),
                result.problems().get(0));
    }

    @Test
    void derCertificateIsAProblemThatSaysHowToConvert() throws Exception {
        writeValidSet();
        Files.write(certificateFile, device.getEncoded());

        assertEquals(List.of("certificate file " + certificateFile + " is binary DER, not PEM: convert it with"
                + " 'openssl x509 -inform der -in " + certificateFile + " -out " + certificateFile + ".pem' and use "
                + certificateFile + ".pem"), check().problems());
    }

    @Test
    void directoryInsteadOfFileIsAProblem() throws IOException {
        writeValidSet();
        Path certsDir = Files.createDirectory(dir.resolve("certs"));

        Result result = CredentialCheck.check(certificateFile, keyFile, certsDir, CLOCK);

        assertEquals(List.of("CA file " + certsDir + " is a directory, not a file: give the path of the CA file"
                + " itself"), result.problems());
    }

    @Test
    void certificateInKeySlotIsAProblem() throws IOException {
        writeValidSet();
        write(keyFile, pem(device));

        assertEquals(List.of("private key " + keyFile + " holds a certificate, not a private key: give the"
                + " <thing>-private.pem.key file downloaded together with the certificate"), check().problems());
    }

    @Test
    void keyInCertificateSlotIsAProblem() throws IOException {
        writeValidSet();
        write(certificateFile, CredentialTestFiles.traditionalPem(deviceKeys.getPrivate()));

        assertEquals(List.of("certificate file " + certificateFile + " holds a private key, not a certificate:"
                + " give the <thing>-certificate.pem.crt file here"), check().problems());
    }

    @Test
    void publicKeyInKeySlotIsAProblem() throws IOException {
        writeValidSet();
        write(keyFile, pem(deviceKeys.getPublic()));

        assertEquals(List.of("private key " + keyFile + " holds a public key, not a private key: give the"
                + " <thing>-private.pem.key file, not <thing>-public.pem.key"), check().problems());
    }

    @Test
    void keyOfAnotherCertificateIsAProblem() throws IOException {
        writeValidSet();
        write(keyFile, CredentialTestFiles.sec1Pem(CredentialTestFiles.ecP256()));

        assertEquals(List.of("private key " + keyFile + " does not match certificate " + certificateFile
                + ": use the key that was downloaded together with this certificate"), check().problems());
    }

    @Test
    void anotherRsaKeyOfTheSameSizeIsAProblem() throws IOException {
        writeValidSet();
        write(keyFile, CredentialTestFiles.traditionalPem(caKeys.getPrivate()));

        assertEquals(List.of("private key " + keyFile + " does not match certificate " + certificateFile
                + ": use the key that was downloaded together with this certificate"), check().problems());
    }

    @Test
    void expiredCertificateIsAProblemNamingTheDate() throws IOException {
        writeValidSet();
        Instant expiry = NOW.minus(Duration.ofDays(2));
        write(certificateFile, pem(certificate("my_iot_device_1", deviceKeys.getPublic(), false, ca,
                caKeys.getPrivate(), LAST_YEAR, expiry)));

        assertEquals(List.of("certificate file " + certificateFile + " expired on " + expiry + ": create a new"
                + " certificate for this thing in the AWS IoT console and download it, or run 'sysmon.jar local'"
                + " to create local test credentials"), check().problems());
    }

    @Test
    void notYetValidCertificateIsAProblem() throws IOException {
        writeValidSet();
        Instant start = NOW.plus(Duration.ofDays(3));
        write(certificateFile, pem(certificate("my_iot_device_1", deviceKeys.getPublic(), false, ca,
                caKeys.getPrivate(), start, NEXT_YEAR)));

        assertEquals(List.of("certificate file " + certificateFile + " is not valid until " + start
                + " (this machine's clock says " + NOW + "): correct the clock, or wait until then"),
                check().problems());
    }

    @Test
    void expiredCaIsAProblem() throws IOException {
        writeValidSet();
        Instant expiry = NOW.minus(Duration.ofDays(1));
        write(caFile, pem(caCertificate("Old Root CA", caKeys, LAST_YEAR, expiry)));

        Result result = check();

        assertEquals(1, result.problems().size(), result.problems().toString());
        assertTrue(result.problems().get(0).startsWith("CA file " + caFile + ": certificate 'CN=Old Root CA'"
                + " expired on " + expiry + ": download AmazonRootCA1.pem"), result.problems().get(0));
    }

    @Test
    void expiredCaInBundleWithAValidOneIsOnlyAWarning() throws IOException {
        writeValidSet();
        X509Certificate old = caCertificate("Old Root CA", CredentialTestFiles.ecP256(), LAST_YEAR, LAST_YEAR);
        write(caFile, pem(old, ca));

        Result result = check();

        assertEquals(List.of(), result.problems());
        assertEquals(1, result.warnings().size(), result.warnings().toString());
        assertTrue(result.warnings().get(0).contains("'CN=Old Root CA' expired on"), result.warnings().get(0));
    }

    @Test
    void deviceCertificateGivenAsCaIsAWarning() throws IOException {
        writeValidSet();
        write(caFile, pem(device));

        Result result = check();

        assertEquals(List.of(), result.problems());
        assertEquals(List.of("CA file " + caFile + " holds 'CN=my_iot_device_1', which is not a CA certificate"
                + " (basicConstraints CA=false), perhaps a device certificate given by mistake: give"
                + " AmazonRootCA1.pem here (or sysmon-local-ca.pem for the local endpoint)"), result.warnings());
    }

    @Test
    void keyReadableByOthersIsAWarningNotAProblem() throws IOException {
        assumePosix();
        writeValidSet();
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));

        Result result = check();

        assertTrue(result.ok(), result.problems().toString());
        assertEquals(List.of("private key " + keyFile + " is readable by group/others (mode 644): run chmod 600 "
                + keyFile), result.warnings());
    }

    @Test
    void keyWritableByGroupIsAWarning() throws IOException {
        assumePosix();
        writeValidSet();
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw--w----"));

        assertEquals(List.of("private key " + keyFile + " is accessible by group/others (mode 620): run chmod 600 "
                + keyFile), check().warnings());
    }

    @Test
    void ownerOnlyKeyGivesNoWarning() throws IOException {
        assumePosix();
        writeValidSet();
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));

        assertEquals(List.of(), check().warnings());
    }

    @Test
    void everyProblemIsReportedAtOnce() throws IOException {
        write(certificateFile, pem(certificate("my_iot_device_1", deviceKeys.getPublic(), false, ca,
                caKeys.getPrivate(), LAST_YEAR, NOW.minusSeconds(1))));
        write(keyFile, CredentialTestFiles.encryptedPkcs8Pem(deviceKeys.getPrivate(), "pw".toCharArray()));

        Result result = check();

        assertEquals(3, result.problems().size(), result.problems().toString());
        assertTrue(result.problems().stream().anyMatch(mentions(certificateFile + " expired on")));
        assertTrue(result.problems().stream().anyMatch(mentions(keyFile + " is encrypted")));
        assertTrue(result.problems().stream().anyMatch(mentions(caFile + " does not exist")));
    }

    @Test
    void octalModeMatchesChmodNotation() {
        assertEquals("644", CredentialCheck.octal(PosixFilePermissions.fromString("rw-r--r--")));
        assertEquals("600", CredentialCheck.octal(PosixFilePermissions.fromString("rw-------")));
        assertEquals("755", CredentialCheck.octal(PosixFilePermissions.fromString("rwxr-xr-x")));
    }

    @Test
    void filesStartingWithAByteOrderMarkAreReadByTheCheckAndByPemContent() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        withPrefix(bom, write(certificateFile, pem(device)));
        withPrefix(bom, write(keyFile, CredentialTestFiles.traditionalPem(deviceKeys.getPrivate())));
        withPrefix(bom, write(caFile, pem(ca)));
        ownerOnly(keyFile);

        Result result = check();
        assertTrue(result.ok(), result.problems()::toString);
        assertEquals(List.of(device), PemContent.read(certificateFile).certificates());
        assertEquals(1, PemContent.read(keyFile).privateKeys().size());
        assertEquals(List.of(ca), PemContent.read(caFile).certificates());
    }

    @Test
    void pemContentReadsFilesWithNonAsciiTextOutsideTheBlocks() throws IOException {
        String comment = "Schl\u00fcssel f\u00fcr my_iot_device_1\n";
        Files.write(keyFile, (comment + CredentialTestFiles.pkcs8Pem(deviceKeys.getPrivate()))
                .getBytes(StandardCharsets.UTF_8));
        PemContent content = PemContent.read(keyFile);
        assertEquals(1, content.privateKeys().size(), content.toString());
        assertEquals(Optional.empty(), content.error());
    }

    @Test
    void pemContentNeverThrowsOnJunk() {
        for (String junk : List.of("", "-----BEGIN ", "-----BEGIN CERTIFICATE-----\n%%%\n",
                "-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n", "\u0000\u0001\u0002")) {
            PemContent content = PemContent.parse(junk);
            assertTrue(content.certificates().isEmpty() && content.privateKeys().isEmpty(), junk);
        }
    }

    private void writeEcDevice(KeyPair ec, String keyPem) throws IOException {
        write(certificateFile, pem(certificate("my_iot_device_1", ec.getPublic(), false, ca, caKeys.getPrivate(),
                LAST_YEAR, NEXT_YEAR)));
        write(keyFile, keyPem);
        write(caFile, pem(ca));
        ownerOnly(keyFile);
    }

    private static void withPrefix(byte[] prefix, Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        byte[] prefixed = Arrays.copyOf(prefix, prefix.length + content.length);
        System.arraycopy(content, 0, prefixed, prefix.length, content.length);
        Files.write(file, prefixed);
    }

    private static Predicate<String> mentions(String text) {
        return line -> line.contains(text);
    }

    private static void ownerOnly(Path file) throws IOException {
        if (posix()) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void assumePosix() {
        assumeTrue(posix(), "POSIX file modes are not supported here");
    }
}
