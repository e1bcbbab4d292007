package dev.chainlightning.testbed;

/** One datagram of the fuzz mix: its kind, the server port it goes to, and its bytes. */
public record FuzzDatagram(FuzzKind kind, int port, byte[] bytes) {
}
