package io.sysmon.shadow.local;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * Makes the local CA's keys and certificates. Pure functions of their arguments (the random source and "now"
 * are passed in), thread-safe, and built on the JDK's own providers so nothing is registered globally.
 */
final class LocalCertBuilder {

    static final String CA_COMMON_NAME = "sysmon local test CA \u2014 not for production";
    static final Duration CA_VALIDITY = Duration.ofDays(3653);
    static final Duration LEAF_VALIDITY = Duration.ofDays(365);
    /** Back-dating covers a device whose clock runs a little behind the machine that issued its certificate. */
    static final Duration BACKDATE = Duration.ofHours(1);

    private static final String CURVE = "secp256r1";
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final int SERIAL_BITS = 127;
    /** The X.520 upper bound on a common name; longer host names go in the SAN only. */
    private static final int MAX_COMMON_NAME_LENGTH = 64;

    private LocalCertBuilder() {
    }

    static KeyPair newKeyPair(SecureRandom random) throws GeneralSecurityException {
        // A generator per call: instances are not thread-safe, and creating one is cheap next to the key.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(CURVE), random);
        return generator.generateKeyPair();
    }

    static X509Certificate caCertificate(KeyPair ca, Instant now, SecureRandom random)
            throws GeneralSecurityException, IOException {
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, CA_COMMON_NAME).build();
        Instant notBefore = notBefore(now);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(random),
                Date.from(notBefore), Date.from(notBefore.plus(CA_VALIDITY)), name, ca.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        // Path length 0: this CA signs devices and the local broker, never another CA.
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                extensions.createSubjectKeyIdentifier(ca.getPublic()));
        return sign(builder, ca.getPrivate(), random);
    }

    static X509Certificate deviceCertificate(String thingName, PublicKey device, X509Certificate caCertificate,
            PrivateKey caKey, Instant now, SecureRandom random) throws GeneralSecurityException, IOException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, thingName).build();
        X509v3CertificateBuilder builder = leaf(subject, device, caCertificate, now, random);
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        return sign(builder, caKey, random);
    }

    /** @param hostNamesOrIps validated DNS names and IP literals; the first also becomes the common name */
    static X509Certificate serverCertificate(List<String> hostNamesOrIps, PublicKey server,
            X509Certificate caCertificate, PrivateKey caKey, Instant now, SecureRandom random)
            throws GeneralSecurityException, IOException {
        String first = hostNamesOrIps.get(0);
        String commonName = first.length() <= MAX_COMMON_NAME_LENGTH ? first : "sysmon local endpoint";
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        X509v3CertificateBuilder builder = leaf(subject, server, caCertificate, now, random);
        GeneralName[] names = hostNamesOrIps.stream()
                .map(host -> new GeneralName(isIpAddress(host) ? GeneralName.iPAddress : GeneralName.dNSName, host))
                .toArray(GeneralName[]::new);
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        return sign(builder, caKey, random);
    }

    /**
     * Encodes an EC private key as PKCS#8 with its public point inside, as {@code openssl genpkey} does. The
     * AWS CRT's TLS stack refuses a SEC1 key without curve parameters; PKCS#8 names the curve in its algorithm
     * identifier, and the embedded point spares readers from recomputing it.
     */
    static byte[] pkcs8(KeyPair pair) throws IOException {
        ECPrivateKey privateKey = (ECPrivateKey) pair.getPrivate();
        SubjectPublicKeyInfo publicKeyInfo = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
        int orderBits = privateKey.getParams().getOrder().bitLength();
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(orderBits,
                privateKey.getS(), publicKeyInfo.getPublicKeyData(), null);
        return new PrivateKeyInfo(publicKeyInfo.getAlgorithm(), sec1).getEncoded(ASN1Encoding.DER);
    }

    static boolean isIpAddress(String host) {
        return IPAddress.isValid(host);
    }

    private static X509v3CertificateBuilder leaf(X500Name subject, PublicKey publicKey,
            X509Certificate caCertificate, Instant now, SecureRandom random) throws GeneralSecurityException,
            IOException {
        Instant notBefore = notBefore(now);
        Instant notAfter = notBefore.plus(LEAF_VALIDITY);
        Instant caNotAfter = caCertificate.getNotAfter().toInstant();
        if (notAfter.isAfter(caNotAfter)) {
            // Strict validators reject a certificate that outlives its issuer.
            notAfter = caNotAfter;
        }
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate, serial(random),
                Date.from(notBefore), Date.from(notAfter), subject, publicKey);
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(publicKey));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                extensions.createAuthorityKeyIdentifier(caCertificate.getPublicKey()));
        return builder;
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey,
            SecureRandom random) throws GeneralSecurityException {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).setSecureRandom(random)
                    .build(issuerKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with " + SIGNATURE_ALGORITHM, e);
        }
    }

    private static Instant notBefore(Instant now) {
        return now.minus(BACKDATE).truncatedTo(ChronoUnit.SECONDS);
    }

    private static BigInteger serial(SecureRandom random) {
        // Random and positive: two CAs (or two runs) never hand out the same serial by accident.
        return new BigInteger(SERIAL_BITS, random).add(BigInteger.ONE);
    }
}
