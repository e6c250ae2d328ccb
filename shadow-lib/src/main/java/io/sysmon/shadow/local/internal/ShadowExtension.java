package io.sysmon.shadow.local.internal;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plugs the {@link ShadowService} into HiveMQ. HiveMQ disconnects a client that publishes to a topic starting
 * with {@code $} unless an inbound interceptor handles the publish and prevents its delivery (the PUBACK is
 * still sent); so every {@code $aws/...} publish stops here, the shadow service answers, and its answers go
 * out through the broker's publish service to whoever subscribed.
 *
 * <p>It also plays the part of AWS IoT's least-privilege policy at connect time: the client ID must be the
 * thing name in the device certificate's common name.
 */
public final class ShadowExtension implements ExtensionMain {

    private static final Logger LOG = LoggerFactory.getLogger(ShadowExtension.class);

    private final ShadowService shadows;
    private final boolean requireClientIdMatch;

    /**
     * @param shadows the shadow service that answers
     * @param requireClientIdMatch whether the client ID must equal the certificate's common name
     */
    public ShadowExtension(ShadowService shadows, boolean requireClientIdMatch) {
        this.shadows = shadows;
        this.requireClientIdMatch = requireClientIdMatch;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        PublishInboundInterceptor interceptor = this::onPublish;
        Services.initializerRegistry().setClientInitializer(
                (initializerInput, clientContext) -> clientContext.addPublishInboundInterceptor(interceptor));
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> (SimpleAuthenticator) this::onConnect);
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        // Nothing to release: the shadow service outlives the broker, so that shadows survive a restart.
    }

    private void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        String clientId = input.getClientInformation().getClientId();
        Optional<String> thing = input.getConnectionInformation().getClientTlsInformation()
                .flatMap(ClientTlsInformation::getClientCertificate)
                .flatMap(ShadowExtension::commonName);
        if (requireClientIdMatch && (thing.isEmpty() || !thing.get().equals(clientId))) {
            String reason = "client ID '" + clientId + "' is not the thing name in the certificate ("
                    + thing.map(t -> "'" + t + "'").orElse("none") + ")";
            LOG.warn("refused a connection: {}", reason);
            output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, reason);
            return;
        }
        output.getDefaultPermissions().setDefaultBehaviour(DefaultAuthorizationBehaviour.ALLOW);
        output.authenticateSuccessfully();
    }

    private void onPublish(PublishInboundInput input, PublishInboundOutput output) {
        String topic = input.getPublishPacket().getTopic();
        if (!topic.startsWith("$")) {
            return;
        }
        output.preventPublishDelivery();
        String clientId = input.getClientInformation().getClientId();
        byte[] payload = input.getPublishPacket().getPayload().map(ShadowExtension::bytes).orElse(new byte[0]);
        ShadowService.Result result;
        try {
            result = shadows.handle(topic, payload, clientId);
        } catch (RuntimeException e) {
            LOG.error("the shadow service failed on a publish to {} from {}", topic, clientId, e);
            return;
        }
        if (!result.isShadowRequest()) {
            LOG.debug("dropped a publish to reserved topic {} from {}", topic, clientId);
            return;
        }
        publish(result);
    }

    /**
     * Sends the shadow service's answers through the running broker.
     *
     * @param result what the service answered
     */
    public static void publish(ShadowService.Result result) {
        for (ShadowService.Outbound message : result.messages()) {
            Services.publishService().publish(Builders.publish()
                    .topic(message.topic())
                    .qos(Qos.AT_LEAST_ONCE)
                    .payload(ByteBuffer.wrap(message.payload()))
                    .build());
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.asReadOnlyBuffer();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    static Optional<String> commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return Optional.of(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            LOG.debug("unreadable certificate subject: {}", e.getMessage());
        }
        return Optional.empty();
    }
}
