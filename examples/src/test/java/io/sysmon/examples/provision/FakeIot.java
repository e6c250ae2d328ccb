package io.sysmon.examples.provision;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.AttachPolicyRequest;
import software.amazon.awssdk.services.iot.model.AttachPolicyResponse;
import software.amazon.awssdk.services.iot.model.AttachThingPrincipalRequest;
import software.amazon.awssdk.services.iot.model.AttachThingPrincipalResponse;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateRequest;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateResponse;
import software.amazon.awssdk.services.iot.model.CreatePolicyRequest;
import software.amazon.awssdk.services.iot.model.CreatePolicyResponse;
import software.amazon.awssdk.services.iot.model.CreateThingRequest;
import software.amazon.awssdk.services.iot.model.CreateThingResponse;
import software.amazon.awssdk.services.iot.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.iot.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.iot.model.GetPolicyRequest;
import software.amazon.awssdk.services.iot.model.IotException;
import software.amazon.awssdk.services.iot.model.KeyPair;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;

/** A Mockito {@link IotClient} that answers like AWS IoT does for a fresh account, and the AWS errors to inject. */
final class FakeIot {

    static final String ENDPOINT = "a1b2c3d4e5f6g7-ats.iot.us-east-1.amazonaws.com";
    static final String ACCOUNT = "123456789012";

    private FakeIot() {
    }

    /**
     * @return a mock where the policy does not exist yet and every CreateKeysAndCertificate issues certificate
     *     n = 1, 2, ... with ID {@link #certificateId(int)}, PEM {@link #certificatePem(int)} and key
     *     {@link #privateKeyPem(int)}
     */
    static IotClient freshAccount() {
        IotClient iot = mock(IotClient.class);
        when(iot.describeEndpoint(any(DescribeEndpointRequest.class)))
                .thenReturn(DescribeEndpointResponse.builder().endpointAddress(ENDPOINT).build());
        when(iot.getPolicy(any(GetPolicyRequest.class)))
                .thenThrow(ResourceNotFoundException.builder().message("Policy not found").statusCode(404).build());
        when(iot.createPolicy(any(CreatePolicyRequest.class))).thenReturn(CreatePolicyResponse.builder().build());
        when(iot.createThing(any(CreateThingRequest.class))).thenReturn(CreateThingResponse.builder().build());
        AtomicInteger issued = new AtomicInteger();
        when(iot.createKeysAndCertificate(any(CreateKeysAndCertificateRequest.class))).thenAnswer(invocation -> {
            int n = issued.incrementAndGet();
            return CreateKeysAndCertificateResponse.builder()
                    .certificateId(certificateId(n))
                    .certificateArn(certificateArn(n))
                    .certificatePem(certificatePem(n))
                    .keyPair(KeyPair.builder().publicKey("-----BEGIN PUBLIC KEY-----\npub" + n
                            + "\n-----END PUBLIC KEY-----\n").privateKey(privateKeyPem(n)).build())
                    .build();
        });
        when(iot.attachPolicy(any(AttachPolicyRequest.class))).thenReturn(AttachPolicyResponse.builder().build());
        when(iot.attachThingPrincipal(any(AttachThingPrincipalRequest.class)))
                .thenReturn(AttachThingPrincipalResponse.builder().build());
        return iot;
    }

    static String certificateId(int n) {
        return String.format("%064x", n);
    }

    static String certificateArn(int n) {
        return "arn:aws:iot:us-east-1:" + ACCOUNT + ":cert/" + certificateId(n);
    }

    static String certificatePem(int n) {
        return "-----BEGIN CERTIFICATE-----\ncert" + n + "\n-----END CERTIFICATE-----\n";
    }

    static String privateKeyPem(int n) {
        // Built from parts so that no secret scanner mistakes this fake for a real key.
        String label = "RSA " + "PRIVATE KEY";
        return "-----BEGIN " + label + "-----\nkey" + n + "\n-----END " + label + "-----\n";
    }

    /** @return what AWS IoT answers an identity that lacks the permission */
    static AwsServiceException accessDenied(String action) {
        return IotException.builder()
                .statusCode(403)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("AccessDeniedException")
                        .errorMessage("User: arn:aws:iam::" + ACCOUNT + ":user/demo is not authorized to perform: "
                                + action + " because no identity-based policy allows the " + action + " action")
                        .serviceName("Iot")
                        .build())
                .build();
    }

    /** @return an AWS error with the given code and HTTP status */
    static AwsServiceException error(String code, int status, String message) {
        return IotException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .build();
    }
}
