/**
 * The AWS IoT device-shadow client (MQTT 5, mutual TLS) and the local AWS-IoT-compatible endpoint.
 */
package io.sysmon.shadow;
