package io.sysmon.shadow.internal;

import io.sysmon.shadow.ConnectFailure;
import io.sysmon.shadow.ShadowClientConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a wrong CA file from a refused device certificate. The MQTT library reports both as one "TLS
 * negotiation failed" error; a second handshake with the JDK's TLS stack, made only after a first connection
 * failed, shows which side gave up. Bounded by short socket timeouts.
 */
public final class TlsProbe {

    private static final Logger LOG = LoggerFactory.getLogger(TlsProbe.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 2_000;
    private static final char[] PASSWORD = "probe".toCharArray();
    private static final List<String> CLIENT_REFUSED_ALERTS = List.of("bad_certificate", "unknown_ca",
            "certificate_unknown", "certificate_required", "access_denied", "certificate_revoked",
            "certificate_expired", "unsupported_certificate");

    private TlsProbe() {
    }

    /**
     * @param config the client's settings
     * @return {@link ConnectFailure#TLS_SERVER_NOT_TRUSTED} or {@link ConnectFailure#TLS_CLIENT_CERTIFICATE_REJECTED}
     *     when the probe shows which, otherwise empty
     */
    public static Optional<ConnectFailure> diagnose(ShadowClientConfig config) {
        SSLContext context;
        try {
            context = context(config);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.debug("TLS probe could not load the credentials: {}", e.toString());
            return Optional.empty();
        }
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(config.endpoint(), config.port()), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            if (!Character.isDigit(config.endpoint().charAt(0))) {
                parameters.setServerNames(List.of(new SNIHostName(config.endpoint())));
            }
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            // Under TLS 1.3 a server refuses the client's certificate after the client thinks it is done.
            InputStream in = socket.getInputStream();
            in.read();
            return Optional.empty();
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (SSLException e) {
            return Optional.ofNullable(classify(e));
        } catch (IOException | RuntimeException e) {
            LOG.debug("TLS probe failed: {}", e.toString());
            return Optional.empty();
        }
    }

    static ConnectFailure classify(SSLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertPathValidatorException || t instanceof CertificateException
                    || t instanceof java.security.cert.CertPathBuilderException) {
                return ConnectFailure.TLS_SERVER_NOT_TRUSTED;
            }
        }
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("pkix") || message.contains("no subject alternative")
                || message.contains("certification path")) {
            return ConnectFailure.TLS_SERVER_NOT_TRUSTED;
        }
        for (String alert : CLIENT_REFUSED_ALERTS) {
            if (message.contains(alert)) {
                return ConnectFailure.TLS_CLIENT_CERTIFICATE_REJECTED;
            }
        }
        return null;
    }

    private static SSLContext context(ShadowClientConfig config) throws IOException, GeneralSecurityException {
        PemContent certificate = read(config.certificateFile());
        PemContent key = read(config.privateKeyFile());
        PemContent ca = read(config.caFile());
        if (certificate.certificates().isEmpty() || key.privateKeys().isEmpty() || ca.certificates().isEmpty()) {
            throw new GeneralSecurityException("credentials incomplete");
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("device", key.privateKeys().get(0), PASSWORD,
                certificate.certificates().toArray(new Certificate[0]));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        int i = 0;
        for (X509Certificate authority : ca.certificates()) {
            trusted.setCertificateEntry("ca" + i++, authority);
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    private static PemContent read(java.nio.file.Path file) throws IOException {
        return PemContent.parse(Files.readString(file, StandardCharsets.US_ASCII));
    }
}
