package io.sysmon.examples.provision;

import java.util.Objects;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.AttachPolicyRequest;
import software.amazon.awssdk.services.iot.model.AttachThingPrincipalRequest;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateRequest;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateResponse;
import software.amazon.awssdk.services.iot.model.CreatePolicyRequest;
import software.amazon.awssdk.services.iot.model.CreateThingRequest;
import software.amazon.awssdk.services.iot.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.iot.model.GetPolicyRequest;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;

/**
 * The AWS IoT calls {@code sysmon provision} makes, one method each, and nothing else: the seam between the
 * command and AWS. Each method lets the SDK's exceptions through unchanged ({@link AwsFailures} words them),
 * except the "already exists" answers that make a rerun harmless.
 *
 * <p>Not thread-safe beyond what {@link IotClient} is; the caller owns and closes the client.
 */
public final class IotProvisioner {

    /** The endpoint type whose host name devices connect to (ATS-signed, so AmazonRootCA1 verifies it). */
    public static final String DATA_ENDPOINT_TYPE = "iot:Data-ATS";

    private final IotClient iot;

    /** @param iot an open client for the account and region to provision in */
    public IotProvisioner(IotClient iot) {
        this.iot = Objects.requireNonNull(iot, "iot");
    }

    /** @return the host devices connect to, e.g. {@code abc123-ats.iot.us-east-1.amazonaws.com} */
    public String dataEndpoint() {
        DescribeEndpointRequest request = DescribeEndpointRequest.builder().endpointType(DATA_ENDPOINT_TYPE).build();
        return iot.describeEndpoint(request).endpointAddress();
    }

    /**
     * @param name a policy name
     * @return whether a policy of that name exists in the account and region
     */
    public boolean policyExists(String name) {
        try {
            iot.getPolicy(GetPolicyRequest.builder().policyName(name).build());
            return true;
        } catch (ResourceNotFoundException absent) {
            return false;
        }
    }

    /**
     * @param name the policy name
     * @param document the policy document (JSON)
     */
    public void createPolicy(String name, String document) {
        iot.createPolicy(CreatePolicyRequest.builder().policyName(name).policyDocument(document).build());
    }

    /**
     * Creates the thing; one that exists already (e.g. from the CloudFormation stack) is fine.
     *
     * @param thingName the thing
     * @return whether it was created now
     */
    public boolean ensureThing(String thingName) {
        try {
            iot.createThing(CreateThingRequest.builder().thingName(thingName).build());
            return true;
        } catch (ResourceAlreadyExistsException exists) {
            // AWS answers so only when the thing exists with other attributes; without any, it answers 200.
            return false;
        }
    }

    /** @return a new, active certificate and its private key */
    public IssuedCertificate createActiveCertificate() {
        CreateKeysAndCertificateResponse r = iot.createKeysAndCertificate(
                CreateKeysAndCertificateRequest.builder().setAsActive(true).build());
        return new IssuedCertificate(r.certificateId(), r.certificateArn(), r.certificatePem(),
                r.keyPair() == null ? null : r.keyPair().privateKey());
    }

    /**
     * @param policyName the policy
     * @param certificateArn the certificate it governs
     */
    public void attachPolicy(String policyName, String certificateArn) {
        iot.attachPolicy(AttachPolicyRequest.builder().policyName(policyName).target(certificateArn).build());
    }

    /**
     * @param thingName the thing
     * @param certificateArn the certificate that may now connect as it
     */
    public void attachThing(String thingName, String certificateArn) {
        iot.attachThingPrincipal(
                AttachThingPrincipalRequest.builder().thingName(thingName).principal(certificateArn).build());
    }
}
