/**
 * The AWS IoT device-shadow client: {@link io.sysmon.shadow.DeviceShadowClient} (MQTT 5, mutual TLS, QoS 1) and
 * its immutable {@link io.sysmon.shadow.ShadowClientConfig}. The local endpoint for development and tests lives
 * in {@code io.sysmon.shadow.local}.
 */
package io.sysmon.shadow;
