package io.sysmon.examples.provision;

import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.IotClientBuilder;

/** Opens the {@link IotClient} that {@code sysmon provision} talks to AWS through; tests hand in a mock. */
@FunctionalInterface
public interface IotClientFactory {

    /**
     * @param region the region to use; empty for the SDK's default chain ({@code AWS_REGION}, then the profile)
     * @return a client the caller closes
     * @throws software.amazon.awssdk.core.exception.SdkClientException when no region is given and none is set
     */
    IotClient open(Optional<Region> region);

    /**
     * @return clients with the SDK's default credentials chain (environment, {@code ~/.aws}, SSO, instance role)
     *     on the JDK's own HTTP client, the only one {@code sysmon.jar} carries
     */
    static IotClientFactory standard() {
        return region -> {
            IotClientBuilder builder = IotClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
            region.ifPresent(builder::region);
            return builder.build();
        };
    }
}
