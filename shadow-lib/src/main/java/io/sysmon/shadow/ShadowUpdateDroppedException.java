package io.sysmon.shadow;

/**
 * The update waited in the offline queue while the client was disconnected, and was pushed out by a newer
 * update because the queue was full. {@link DeviceShadowClient#droppedUpdates()} counts these.
 */
public class ShadowUpdateDroppedException extends ShadowException {

    private static final long serialVersionUID = 1L;

    /** @param message which update and why */
    public ShadowUpdateDroppedException(String message) {
        super(message);
    }
}
