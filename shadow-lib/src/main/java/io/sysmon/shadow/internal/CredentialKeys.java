package io.sysmon.shadow.internal;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Locale;

/**
 * Proves that a private key belongs to a public key (usually a certificate's) by signing random bytes with one
 * and verifying the signature with the other. Comparing encodings would not do: a PKCS#8 EC key need not carry
 * its public point, and the test must hold for RSA and EC alike. Thread-safe.
 */
public final class CredentialKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int CHALLENGE_BYTES = 32;

    private CredentialKeys() {
    }

    /**
     * @param privateKey a private key (RSA, EC, EdDSA or DSA)
     * @param publicKey the public key it should pair with
     * @return whether a signature made with {@code privateKey} verifies with {@code publicKey}
     * @throws GeneralSecurityException when {@code privateKey} cannot sign at all (unsupported algorithm or a
     *         broken key); a mere mismatch returns {@code false}
     */
    public static boolean matches(PrivateKey privateKey, PublicKey publicKey) throws GeneralSecurityException {
        String family = family(privateKey.getAlgorithm());
        if (!family.equals(family(publicKey.getAlgorithm()))) {
            return false;
        }
        String algorithm = signatureAlgorithm(family);
        byte[] challenge = new byte[CHALLENGE_BYTES];
        RANDOM.nextBytes(challenge);

        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(privateKey);
        signer.update(challenge);
        byte[] signature = signer.sign();

        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (SignatureException | java.security.InvalidKeyException e) {
            // Keys on different curves or sizes fail here rather than returning false.
            return false;
        }
    }

    private static String family(String keyAlgorithm) {
        String upper = keyAlgorithm.toUpperCase(Locale.ROOT);
        if (upper.equals("ECDSA")) {
            return "EC";
        }
        if (upper.startsWith("ED25519") || upper.startsWith("ED448") || upper.equals("EDDSA")) {
            return "EDDSA";
        }
        return upper;
    }

    private static String signatureAlgorithm(String family) throws NoSuchAlgorithmException {
        switch (family) {
            case "RSA":
                return "SHA256withRSA";
            case "EC":
                return "SHA256withECDSA";
            case "EDDSA":
                return "EdDSA";
            case "DSA":
                return "SHA256withDSA";
            default:
                throw new NoSuchAlgorithmException("keys of type " + family + " are not supported; use RSA or EC");
        }
    }
}
