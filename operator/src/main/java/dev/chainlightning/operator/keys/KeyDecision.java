package dev.chainlightning.operator.keys;

/**
 * The keys to use in this reconcile and why they are what they are.
 *
 * @param reason KeysCreated, KeysUnchanged, ClientKeysAdded, RotatedOnRequest or RotatedOnSchedule
 */
public record KeyDecision(TunnelKeys keys, String reason) {
    public boolean rotated() {
        return reason.startsWith("Rotated");
    }
}
