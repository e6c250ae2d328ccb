package io.sysmon;

/**
 * A sampler could not be set up: for example, the filesystem root given to {@link SysfsMetricsSampler} holds
 * no Linux procfs. The message names the path or setting at fault and what to do about it.
 *
 * <p>Sensor problems while sampling never raise this; they leave the metric empty instead.
 */
public class SamplerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong and how to fix it
     */
    public SamplerException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and how to fix it
     * @param cause the underlying failure
     */
    public SamplerException(String message, Throwable cause) {
        super(message, cause);
    }
}
