/**
 * {@code sysmon provision}: registers things with AWS IoT the way the tutorial's console clicks do, for many
 * devices at once: thing, certificate and key, the least-privilege policy, and the files the device reads.
 *
 * <p>{@link io.sysmon.examples.provision.IotProvisioner} is the one seam in front of AWS (it takes the SDK's
 * {@code IotClient}, an interface that tests mock); {@link io.sysmon.examples.provision.Provisioning} runs the
 * steps for each thing and reports progress; {@link io.sysmon.examples.provision.CredentialFiles} writes the
 * certificate and key with the modes AWS recommends.
 */
package io.sysmon.examples.provision;
