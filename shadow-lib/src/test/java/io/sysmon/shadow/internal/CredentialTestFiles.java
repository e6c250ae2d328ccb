package io.sysmon.shadow.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/**
 * Makes keys, certificates and PEM texts at test time, in the formats AWS and openssl write, so no key
 * material is ever committed.
 */
final class CredentialTestFiles {

    static final SecureRandom RANDOM = new SecureRandom();
    /** Only the encryptors need it; it is handed over as an object, never registered globally. */
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private CredentialTestFiles() {
    }

    static KeyPair rsa2048() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ecP256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed CA certificate (basicConstraints CA=true). */
    static X509Certificate caCertificate(String commonName, KeyPair keys, Instant notBefore, Instant notAfter) {
        X500Name name = new X500Name("CN=" + commonName);
        return build(new JcaX509v3CertificateBuilder(name, serial(), Date.from(notBefore), Date.from(notAfter),
                name, keys.getPublic()), true, keys.getPrivate());
    }

    /** A certificate for {@code subjectKey} signed by the issuer, a CA or not. */
    static X509Certificate certificate(String commonName, PublicKey subjectKey, boolean ca,
            X509Certificate issuer, PrivateKey issuerKey, Instant notBefore, Instant notAfter) {
        return build(new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(notBefore), Date.from(notAfter),
                new X500Name("CN=" + commonName), subjectKey), ca, issuerKey);
    }

    /**
     * SEC1 ({@code EC PRIVATE KEY}) as {@code openssl ecparam -genkey} and {@code openssl ec} write it: naming
     * its curve and holding its public point.
     */
    static String sec1Pem(KeyPair pair) {
        try {
            ECPrivateKey key = (ECPrivateKey) pair.getPrivate();
            SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
            org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
                    key.getParams().getOrder().bitLength(), key.getS(), publicKey.getPublicKeyData(),
                    publicKey.getAlgorithm().getParameters());
            return pem("EC PRIVATE KEY", sec1.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * PKCS#1 for RSA ({@code RSA PRIVATE KEY}, the AWS console's format). For a JDK EC key this writes SEC1
     * without the curve parameters, a form only careless tools write.
     */
    static String traditionalPem(PrivateKey key) {
        try {
            return pem(new JcaMiscPEMGenerator(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PKCS#8, {@code PRIVATE KEY}. */
    static String pkcs8Pem(PrivateKey key) {
        try {
            return pem(new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Encrypted PKCS#8, {@code ENCRYPTED PRIVATE KEY}, as {@code openssl pkcs8 -topk8} writes it. */
    static String encryptedPkcs8Pem(PrivateKey key, char[] password) {
        try {
            return pem(new JcaPKCS8Generator(key, new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                    .setProvider(BC).setRandom(RANDOM).setPassword(password).build()));
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A traditional key with {@code Proc-Type: 4,ENCRYPTED}, as {@code openssl rsa -aes256} writes it. */
    static String encryptedTraditionalPem(PrivateKey key, char[] password) {
        try {
            return pem(new JcaMiscPEMGenerator(key,
                    new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(BC).setSecureRandom(RANDOM).build(password)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String pem(X509Certificate... certificates) {
        StringBuilder text = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                text.append(pem(new JcaMiscPEMGenerator(certificate)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return text.toString();
    }

    static String pem(PublicKey key) {
        try {
            return pem(new JcaMiscPEMGenerator(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String pem(String label, byte[] der) {
        return pem(() -> new PemObject(label, der));
    }

    static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(PemObjectGenerator generator) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static X509Certificate build(X509v3CertificateBuilder builder, boolean ca, PrivateKey issuerKey) {
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, ca
                    ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                    : new KeyUsage(KeyUsage.digitalSignature));
            String algorithm = issuerKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }
}
