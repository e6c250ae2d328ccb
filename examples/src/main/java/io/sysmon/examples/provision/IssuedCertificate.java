package io.sysmon.examples.provision;

import java.util.Objects;

/**
 * A certificate AWS IoT just issued, with the private key it will never hand out again.
 *
 * @param id the certificate ID (64 hex digits)
 * @param arn the certificate's ARN, the principal policies and things are attached to
 * @param certificatePem the device certificate, PEM
 * @param privateKeyPem the private key, PEM: write it owner-only and nowhere else
 */
public record IssuedCertificate(String id, String arn, String certificatePem, String privateKeyPem) {

    /** Checks that every part is present: AWS returns all four, so a missing one is a bug, not a user error. */
    public IssuedCertificate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(certificatePem, "certificatePem");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
    }

    /** Never prints the key, so a log line or a test failure cannot leak it. */
    @Override
    public String toString() {
        return "IssuedCertificate[id=" + id + ", arn=" + arn + "]";
    }
}
