package dev.chainlightning.cli;

import dev.chainlightning.config.ConfigException;
import dev.chainlightning.config.ConfigLoader;
import dev.chainlightning.config.Role;
import dev.chainlightning.config.TunnelConfig;
import dev.chainlightning.crypto.PresharedKey;
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
        PresharedKey psk;
        try {
            config = ConfigLoader.load(configFile, role);
            psk = PresharedKey.load(config.security().pskFile());
        } catch (ConfigException | PresharedKey.KeyFileException e) {
            err.println("chainlightning " + roleName + ": " + e.getMessage());
            return 2;
        }
        Log.info("config loaded from " + configFile.toAbsolutePath());
        if (psk.warning() != null) {
            Log.warn(psk.warning());
        }
        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<String> failure = new AtomicReference<>();
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Tunnel tunnel;
        try {
            tunnel = Tunnel.start(config, psk, reason -> {
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
}
