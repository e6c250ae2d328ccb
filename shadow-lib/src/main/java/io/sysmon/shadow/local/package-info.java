/**
 * A local, AWS-IoT-compatible endpoint for development and tests: {@link io.sysmon.shadow.local.LocalIotEndpoint}
 * (an embedded HiveMQ CE broker with TLS client authentication and a Device Shadow service with AWS's
 * semantics), the {@link io.sysmon.shadow.local.LocalCertificateAuthority} that issues its throwaway
 * credentials, and the {@link io.sysmon.shadow.local.AcceptedUpdateListener} hook for rules engines.
 *
 * <p>Needs {@code com.hivemq:hivemq-community-edition-embedded} on the classpath.
 */
package io.sysmon.shadow.local;
