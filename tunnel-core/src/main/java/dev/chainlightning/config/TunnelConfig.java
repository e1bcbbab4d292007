package dev.chainlightning.config;

import dev.chainlightning.crypto.noise.X25519PublicKey;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** A validated tunnel configuration; build it with {@link ConfigLoader}. */
public record TunnelConfig(Role role, General general, Links links, Performance performance, Security security, Metrics metrics) {

    public TunnelConfig {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(general, "general");
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(performance, "performance");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * @param serverIp             the server's public address; null only for the SERVER role
     * @param mtu                  TUN MTU, 0 = choose automatically
     * @param listenIp             address the server binds its UDP ports to
     */
    public record General(
            InetAddress serverIp,
            String tunName,
            Inet4Address tunLocalIp,
            Inet4Address tunRemoteIp,
            Inet4Address tunNetmask,
            int prefixLength,
            int mtu,
            InetAddress listenIp,
            int statsIntervalSeconds) {}

    /**
     * The links: each source IP (one per WAN) carries {@code linksPerWan} links, and link {@code i}
     * goes to server port {@code startPort + i % portCount}.
     *
     * @param ratesMbit empty = unknown, share equally; else one rate per source IP
     */
    public record Links(List<InetAddress> sourceIps, int startPort, int linksPerWan, int portCount,
                        List<Double> ratesMbit) {

        public Links {
            sourceIps = List.copyOf(sourceIps);
            ratesMbit = List.copyOf(ratesMbit);
            // The helpers below divide by these.
            if (linksPerWan < 1 || portCount < 1) {
                throw new IllegalArgumentException("linksPerWan and portCount must be >= 1");
            }
        }

        public int linkCount() {
            return sourceIps.size() * linksPerWan;
        }

        public InetAddress sourceIpOfLink(int i) {
            return sourceIps.get(i / linksPerWan);
        }

        public int serverPortOfLink(int i) {
            return startPort + (i % portCount);
        }

        /** The link's share of its WAN's rate in Mbit/s, or 0 if rates are unknown. */
        public double rateMbitOfLink(int i) {
            if (ratesMbit.isEmpty()) {
                return 0;
            }
            return ratesMbit.get(i / linksPerWan) / linksPerWan;
        }
    }

    /**
     * @param fecRepairPackets parity packets per group; with {@code fecMode} "adaptive" the most per group; 0 turns FEC off
     * @param fecMode          "adaptive" (repair count follows the loss the peer reports) or "fixed"
     * @param smallPacketBytes packets up to this size (TCP ACKs, DNS) may be sent twice, see redundantSmallPackets
     * @param redundantSmallPackets send small packets on the two links where they arrive first
     * @param resendLost            ask the peer for data packets the reorder buffer would give up (NACK)
     */
    public record Performance(int fecGroupSize, int fecRepairPackets, String fecMode, int fecMaxWaitMs,
                              int heartbeatIntervalMs, double rttWeight, double lossWeight, int reorderTimeoutMs,
                              int smallPacketBytes, boolean redundantSmallPackets, boolean resendLost) {
        public boolean fecEnabled() {
            return fecRepairPackets > 0;
        }

        public boolean fecAdaptive() {
            return "adaptive".equals(fecMode);
        }
    }

    /**
     * The same file serves both ends: each host keeps its own private key at {@code privateKeyFile}
     * and both public keys are listed, so each end knows the other's.
     *
     * @param privateKeyFile    this end's X25519 private key file, resolved against the config file's directory
     * @param serverPublicKey   the server's X25519 public key
     * @param clientPublicKey   the client's X25519 public key
     * @param pskFile           optional pre-shared key file (null when none), resolved like privateKeyFile
     * @param cipher            "auto", "aes-256-gcm" or "chacha20-poly1305"
     * @param rekeyAfterSeconds age of the session keys at which the client replaces them by a new handshake
     * @param obfuscate         whether every datagram is made to look random (both ends must agree)
     */
    public record Security(Path privateKeyFile, X25519PublicKey serverPublicKey, X25519PublicKey clientPublicKey, Path pskFile,
                           String cipher, int rekeyAfterSeconds, boolean obfuscate) {
        /** The public key this end must have, by its role. */
        public X25519PublicKey ownPublicKey(Role role) {
            return role == Role.CLIENT ? clientPublicKey : serverPublicKey;
        }

        /** The public key of the other end. */
        public X25519PublicKey peerPublicKey(Role role) {
            return role == Role.CLIENT ? serverPublicKey : clientPublicKey;
        }
    }

    /**
     * The HTTP endpoint for Prometheus and health checks.
     *
     * @param listen where it listens, or null when {@code [metrics] listen} is "" or "off"
     */
    public record Metrics(java.net.InetSocketAddress listen) {
        public boolean enabled() {
            return listen != null;
        }
    }

    /** This end's TUN address: the client uses tun_local_ip, the server tun_remote_ip. */
    public Inet4Address ownTunIp() {
        return role == Role.CLIENT ? general.tunLocalIp() : general.tunRemoteIp();
    }

    /** The other end's TUN address. */
    public Inet4Address peerTunIp() {
        return role == Role.CLIENT ? general.tunRemoteIp() : general.tunLocalIp();
    }
}
