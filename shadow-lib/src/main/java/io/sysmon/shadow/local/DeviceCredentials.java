package io.sysmon.shadow.local;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where one device's credential files are, under the names the AWS IoT console downloads. Issued by
 * {@link LocalCertificateAuthority#issueDevice(String)}; the files are PEM.
 *
 * @param thingName the thing name, also the certificate's common name and the MQTT client ID
 * @param certificateFile {@code <certsDir>/<thing>-certificate.pem.crt}
 * @param privateKeyFile {@code <certsDir>/<thing>-private.pem.key}, an unencrypted PKCS#8 key
 * @param caFile the local CA certificate, which also signs the local endpoint's certificate
 */
public record DeviceCredentials(String thingName, Path certificateFile, Path privateKeyFile, Path caFile) {

    /** Checks that no component is null. */
    public DeviceCredentials {
        Objects.requireNonNull(thingName, "thingName");
        Objects.requireNonNull(certificateFile, "certificateFile");
        Objects.requireNonNull(privateKeyFile, "privateKeyFile");
        Objects.requireNonNull(caFile, "caFile");
    }
}
