package io.sysmon.shadow.internal;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * What one PEM text holds: certificates and private keys in the order they appear, whether a key was
 * encrypted, and anything else found. Made by {@link #parse(String)}, which never throws on junk.
 *
 * <p>Keys are converted with the JDK's own providers, so nothing is registered globally. Every key format AWS
 * or openssl write is understood: PKCS#1 ({@code RSA PRIVATE KEY}, what the AWS IoT console downloads),
 * PKCS#8 ({@code PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}).
 *
 * @param labels the label of every {@code -----BEGIN ...-----} line, in order (e.g. {@code "CERTIFICATE"})
 * @param certificates the certificates, in order
 * @param privateKeys the unencrypted private keys, in order
 * @param encryptedPrivateKey whether a password-protected private key was found (PKCS#8
 *        {@code ENCRYPTED PRIVATE KEY} or an openssl {@code Proc-Type: 4,ENCRYPTED} block)
 * @param otherContents a short description of everything else found, e.g. {@code "public key"}
 * @param error why parsing stopped early, when it did; what was read before is kept
 */
public record PemContent(List<String> labels, List<X509Certificate> certificates, List<PrivateKey> privateKeys,
        boolean encryptedPrivateKey, List<String> otherContents, Optional<String> error) {

    /**
     * The {@link #error()} of an {@code EC PRIVATE KEY} block that does not name its curve: SEC1 leaves the
     * curve optional, but neither the JDK nor the AWS CRT's TLS stack can use such a key.
     */
    public static final String EC_KEY_WITHOUT_CURVE = "EC private key without its curve parameters";

    /** The UTF-8 byte-order mark's three bytes, as ISO-8859-1 decodes them. */
    private static final String UTF8_BOM = "\u00EF\u00BB\u00BF";

    private static final Pattern BEGIN_LINE = Pattern.compile("^-----BEGIN ([^-\\r\\n]+)-----\\s*$",
            Pattern.MULTILINE);

    /** Copies every list so the record stays immutable. */
    public PemContent {
        labels = List.copyOf(labels);
        certificates = List.copyOf(certificates);
        privateKeys = List.copyOf(privateKeys);
        otherContents = List.copyOf(otherContents);
    }

    /**
     * Reads and parses a PEM file, decoded as {@link #decode(byte[])} does.
     *
     * @param file a PEM file
     * @return what it holds; never throws for malformed content, which shows up in {@link #error()}
     * @throws IOException when the file cannot be read
     */
    public static PemContent read(Path file) throws IOException {
        return parse(decode(Files.readAllBytes(file)));
    }

    /**
     * Turns a PEM file's bytes into text. PEM is ASCII; ISO-8859-1 maps every byte, so junk cannot fail the
     * decoding. A leading UTF-8 byte-order mark, left by some Windows editors, is dropped: it would hide the
     * first BEGIN line from the parser.
     *
     * @param bytes a PEM file's content
     * @return its text, without a leading byte-order mark
     */
    public static String decode(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        return text.startsWith(UTF8_BOM) ? text.substring(UTF8_BOM.length()) : text;
    }

    /**
     * @param pemText the text of a PEM file (any line endings; text outside the blocks is ignored)
     * @return what it holds; never throws for malformed input, which shows up in {@link #error()}
     */
    public static PemContent parse(String pemText) {
        List<String> labels = new ArrayList<>();
        Matcher begin = BEGIN_LINE.matcher(pemText);
        while (begin.find()) {
            labels.add(begin.group(1).trim());
        }
        List<X509Certificate> certificates = new ArrayList<>();
        List<PrivateKey> privateKeys = new ArrayList<>();
        List<String> others = new ArrayList<>();
        boolean encrypted = false;
        String error = null;
        JcaPEMKeyConverter keyConverter = new JcaPEMKeyConverter();
        JcaX509CertificateConverter certificateConverter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pemText))) {
            Object item;
            while ((item = parser.readObject()) != null) {
                if (item instanceof X509CertificateHolder holder) {
                    certificates.add(certificateConverter.getCertificate(holder));
                } else if (item instanceof X509TrustedCertificateBlock trusted) {
                    certificates.add(certificateConverter.getCertificate(trusted.getCertificateHolder()));
                } else if (item instanceof PEMKeyPair keyPair) {
                    PrivateKeyInfo keyInfo = keyPair.getPrivateKeyInfo();
                    if (X9ObjectIdentifiers.id_ecPublicKey.equals(keyInfo.getPrivateKeyAlgorithm().getAlgorithm())
                            && keyInfo.getPrivateKeyAlgorithm().getParameters() == null) {
                        throw new PEMException(EC_KEY_WITHOUT_CURVE);
                    }
                    // Only the private half: SEC1 makes the public point optional, and without it
                    // converting the pair fails although the key is fine.
                    privateKeys.add(keyConverter.getPrivateKey(keyInfo));
                } else if (item instanceof PrivateKeyInfo keyInfo) {
                    privateKeys.add(keyConverter.getPrivateKey(keyInfo));
                } else if (item instanceof PEMEncryptedKeyPair || item instanceof PKCS8EncryptedPrivateKeyInfo) {
                    encrypted = true;
                } else if (item instanceof SubjectPublicKeyInfo) {
                    others.add("public key");
                } else if (item instanceof PKCS10CertificationRequest) {
                    others.add("certificate signing request");
                } else if (item instanceof X509CRLHolder) {
                    others.add("certificate revocation list");
                } else if (!(item instanceof ASN1ObjectIdentifier)) {
                    // An ASN1ObjectIdentifier is an EC PARAMETERS block, which 'openssl ecparam -genkey' writes
                    // in front of a perfectly good key, so it is no reason for complaint.
                    others.add(item.getClass().getSimpleName());
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            error = describe(e);
        }
        return new PemContent(labels, certificates, privateKeys, encrypted, others, Optional.ofNullable(error));
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        // Bouncy Castle wraps the telling message a level or two down; show the chain, briefly.
        for (Throwable t = e; t != null && text.length() < 300; t = t.getCause()) {
            String message = t.getMessage();
            if (message == null || message.isBlank() || text.indexOf(message) >= 0) {
                continue;
            }
            if (text.length() > 0) {
                text.append(": ");
            }
            text.append(message.strip());
        }
        return text.length() == 0 ? e.getClass().getSimpleName() : text.toString();
    }
}
