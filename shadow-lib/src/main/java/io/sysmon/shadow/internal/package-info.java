/**
 * Implementation of the shadow client: the MQTT transport seam and its AWS CRT implementation, credential
 * checks, message formats. Not part of the API: it may change in any release.
 */
package io.sysmon.shadow.internal;
