package dev.chainlightning.operator.status;

/**
 * Where clients send to, or why that is not known yet.
 *
 * @param address an IP literal, or null while unknown
 * @param reason  the Exposed condition's reason
 * @param message the Exposed condition's message
 */
public record Endpoint(String address, String reason, String message) {
    public boolean known() {
        return address != null;
    }
}
