package io.sysmon.shadow.internal;

import io.sysmon.shadow.ConnectFailure;
import io.sysmon.shadow.ShadowClientConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
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
        AtomicBoolean serverTrusted = new AtomicBoolean();
        SSLContext context;
        try {
            context = context(config, serverTrusted);
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
            // Under TLS 1.3 a server refuses the client's certificate after the client thinks it is done: with an
            // alert, or by just closing. A server that accepted it waits for MQTT's CONNECT instead.
            InputStream in = socket.getInputStream();
            return in.read() < 0 ? Optional.of(ConnectFailure.TLS_CLIENT_CERTIFICATE_REJECTED) : Optional.empty();
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.debug("TLS probe: {} (server certificate trusted: {})", e.toString(), serverTrusted.get());
            ConnectFailure failure = e instanceof SSLException ? classify((SSLException) e) : null;
            if (failure == null && serverTrusted.get()) {
                // We trusted the server, and it hung up on us (alert, reset or broken pipe): it refused our certificate.
                failure = ConnectFailure.TLS_CLIENT_CERTIFICATE_REJECTED;
            }
            return Optional.ofNullable(failure);
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

    private static SSLContext context(ShadowClientConfig config, AtomicBoolean serverTrusted)
            throws IOException, GeneralSecurityException {
        PemContent certificate = PemContent.read(config.certificateFile());
        PemContent key = PemContent.read(config.privateKeyFile());
        PemContent ca = PemContent.read(config.caFile());
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
        X509ExtendedTrustManager trust = null;
        for (TrustManager manager : trustManagers.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager) {
                trust = (X509ExtendedTrustManager) manager;
            }
        }
        if (trust == null) {
            throw new GeneralSecurityException("no X.509 trust manager");
        }
        context.init(keyManagers.getKeyManagers(), new TrustManager[] {new Recording(trust, serverTrusted)}, null);
        return context;
    }

    /** Trusts what the CA file trusts, and remembers that it did. */
    private static final class Recording extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        private final AtomicBoolean trusted;

        Recording(X509ExtendedTrustManager delegate, AtomicBoolean trusted) {
            this.delegate = delegate;
            this.trusted = trusted;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType, socket);
            trusted.set(true);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType, engine);
            trusted.set(true);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
            trusted.set(true);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
