package dev.chainlightning.cli;

import dev.chainlightning.config.ConfigException;
import dev.chainlightning.config.ConfigLoader;
import dev.chainlightning.config.Role;
import dev.chainlightning.config.TunnelConfig;
import dev.chainlightning.crypto.PresharedKey;
import dev.chainlightning.crypto.noise.IKpsk2;
import dev.chainlightning.crypto.noise.KeyFiles;
import dev.chainlightning.crypto.noise.X25519KeyPair;
import dev.chainlightning.engine.Credentials;
import dev.chainlightning.engine.Tunnel;
import dev.chainlightning.util.Log;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * {@code server} and {@code client}: load the config, start the tunnel, run until SIGINT or
 * SIGTERM, then remove the TUN device, close the sockets and exit 0.
 */
final class RunCommand {
    private RunCommand() {
    }

    static int run(String roleName, String[] args, PrintStream out, PrintStream err) {
        Path configFile = Path.of("config.toml");
        for (int i = 0; i < args.length; i++) {
            if ((args[i].equals("--config") || args[i].equals("-c")) && i + 1 < args.length) {
                configFile = Path.of(args[++i]);
            } else {
                throw new Main.UsageException("unknown argument '" + args[i] + "' (expected --config FILE)");
            }
        }
        Role role = roleName.equals("server") ? Role.SERVER : Role.CLIENT;
        TunnelConfig config;
        Credentials credentials;
        try {
            config = ConfigLoader.load(configFile, role);
            credentials = loadCredentials(config.security(), role);
        } catch (ConfigException | PresharedKey.KeyFileException e) {
            err.println("chainlightning " + roleName + ": " + e.getMessage());
            return 2;
        }
        Log.info("config loaded from " + configFile.toAbsolutePath() + "; this end's public key "
                + credentials.own().publicKey().toBase64());
        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<String> failure = new AtomicReference<>();
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Tunnel tunnel;
        try {
            tunnel = Tunnel.start(config, credentials, reason -> {
                failure.compareAndSet(null, reason);
                stop.countDown();
            });
        } catch (IOException | RuntimeException e) {
            err.println("chainlightning " + roleName + ": " + e.getMessage());
            return 1;
        }
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            tunnel.close();
            err.println("chainlightning " + roleName + ": " + failure.get());
            return 1;
        }
        Log.info("signal received, shutting down");
        tunnel.close();
        return 0;
    }

    /** This end's key pair, the peer's public key and the optional pre-shared key; warnings about readable key files are logged. */
    static Credentials loadCredentials(TunnelConfig.Security security, Role role) throws PresharedKey.KeyFileException {
        X25519KeyPair own = KeyFiles.readPrivateKey(security.privateKeyFile(), Log::warn);
        String side = role == Role.CLIENT ? "client" : "server";
        if (!own.publicKey().equals(security.ownPublicKey(role))) {
            throw new PresharedKey.KeyFileException(security.privateKeyFile() + ": this private key's public key is "
                    + own.publicKey().toBase64() + ", but [security] " + side + "_public_key says "
                    + security.ownPublicKey(role).toBase64() + " (wrong key file, or the config lists another " + side + ")");
        }
        byte[] psk = IKpsk2.noPsk();
        if (security.pskFile() != null) {
            PresharedKey shared = PresharedKey.load(security.pskFile());
            if (shared.warning() != null) {
                Log.warn(shared.warning());
            }
            psk = shared.handshakeKey();
        }
        return new Credentials(own, security.peerPublicKey(role), psk);
    }
}
