/**
 * Implementation of the local endpoint: the Device Shadow service and its HiveMQ extension. Not part of the
 * API: it may change in any release.
 */
package io.sysmon.shadow.local.internal;
