package dev.chainlightning.engine;

import dev.chainlightning.config.Role;
import dev.chainlightning.config.TunnelConfig;
import dev.chainlightning.crypto.CipherSuite;
import dev.chainlightning.link.Link;
import dev.chainlightning.metrics.MetricsServer;
import dev.chainlightning.metrics.MetricsSource;
import dev.chainlightning.metrics.TunnelMetrics;
import dev.chainlightning.reorder.DeliveryAlignment;
import dev.chainlightning.reorder.ReorderBuffer;
import dev.chainlightning.tun.LinuxTun;
import dev.chainlightning.tun.TunDevice;
import dev.chainlightning.util.Log;
import dev.chainlightning.wire.DataBody;
import dev.chainlightning.wire.Obfuscation;
import dev.chainlightning.wire.Overhead;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One running end of the tunnel, client or server: the TUN device, the link sockets and three
 * threads. The send thread reads TUN and stripes; the receive thread authenticates, reorders and
 * writes TUN; the control thread sends heartbeats and prints statistics.
 */
public final class Tunnel implements AutoCloseable {
    /** Packets that may wait for a gap at once; a power of two. */
    /**
     * Packets the reorder buffer can hold: bulk packets wait there up to the delay spread between
     * the links (delivery alignment), 8192 covers 100 ms at about 1 Gbit/s.
     */
    private static final int REORDER_CAPACITY = 8192;
    /** Recent packets kept for NACKs: about 1 s at 100 Mbit/s. */
    private static final int SENT_PACKETS = 8192;
    private static final int SOCKET_BUFFER_BYTES = 4 << 20;
    /** How often the client checks whether a handshake is due (retries are a second apart). */
    private static final long HANDSHAKE_TICK_MILLIS = 50;

    private final Role role;
    private final TunDevice tun;
    private final List<DatagramChannel> channels;
    private final TunnelCounters counters;
    private final Sender sender;
    private final Receiver receiver;
    private final Thread sendThread;
    private final Thread receiveThread;
    private final ScheduledExecutorService control;
    private final HandshakeWorker handshakeWorker;
    private final SessionDirectory sessions;
    private final long startedNanos = System.nanoTime();
    /** The HTTP endpoint of {@code [metrics] listen}, or null when it is off. */
    private final MetricsServer metricsServer;

    private Tunnel(Role role, TunDevice tun, List<DatagramChannel> channels, SessionDirectory sessions, HandshakeWorker handshakeWorker,
                   TunnelCounters counters, TunnelConfig config, CipherSuite suite, Consumer<String> onFatal,
                   MetricsServer metricsServer) throws IOException {
        String label = label(role);
        this.metricsServer = metricsServer;
        this.role = role;
        this.tun = tun;
        this.channels = channels;
        this.counters = counters;
        this.sender = new Sender(tun, sessions, counters, suite, onFatal, FecSettings.from(config.performance()),
                config.performance().smallPacketBytes(), config.performance().redundantSmallPackets());
        this.handshakeWorker = handshakeWorker;
        this.sessions = sessions;
        this.receiver = new Receiver(sessions, counters, suite, tun.mtu() + Overhead.TUNNEL_BYTES + 64,
                config.performance().resendLost(), handshakeWorker, obfuscation(config));
        this.sendThread = new Thread(sender, "cl-send");
        this.receiveThread = new Thread(receiver, "cl-receive");
        this.control = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cl-control");
            t.setDaemon(true);
            return t;
        });
        long heartbeatMillis = config.performance().heartbeatIntervalMs();
        // Never 0: 0 means "not heard yet" on the other side.
        int instance = new java.security.SecureRandom().nextInt() | 1;
        var grader = new dev.chainlightning.link.LinkGrader(config.performance().rttWeight(), config.performance().lossWeight());
        control.scheduleAtFixedRate(guarded(new Heartbeats(sessions, suite, instance, grader, role == Role.SERVER, counters)),
                0, heartbeatMillis, TimeUnit.MILLISECONDS);
        control.scheduleAtFixedRate(guarded(() -> sessions.tick(System.nanoTime())), 0, HANDSHAKE_TICK_MILLIS, TimeUnit.MILLISECONDS);
        long statsSeconds = config.general().statsIntervalSeconds();
        control.scheduleAtFixedRate(guarded(new StatsReporter(label, sessions::current, counters, System.out)),
                statsSeconds, statsSeconds, TimeUnit.SECONDS);
        receiveThread.start();
        sendThread.start();
    }

    /**
     * Opens TUN and sockets for the configured role and starts the threads. {@code onFatal} hears,
     * once, of a failure that ends the tunnel (the TUN device vanished), so the caller can exit.
     */
    public static Tunnel start(TunnelConfig config, Credentials credentials, Consumer<String> onFatal) throws IOException {
        CipherSuite suite = CipherSuite.fromConfig(config.security().cipher());
        TunnelCounters counters = new TunnelCounters();
        return config.role() == Role.CLIENT ? startClient(config, credentials, suite, counters, onFatal)
                : startServer(config, credentials, suite, counters, onFatal);
    }

    private static Tunnel startClient(TunnelConfig config, Credentials credentials, CipherSuite suite, TunnelCounters counters,
                                      Consumer<String> onFatal) throws IOException {
        InetAddress server = config.general().serverIp();
        int mtu = config.general().mtu() > 0 ? config.general().mtu() : Overhead.automaticTunMtu(server, config.security().obfuscate());
        List<Link> links = new ArrayList<>();
        List<DatagramChannel> channels = new ArrayList<>();
        TunDevice tun = null;
        HandshakeWorker handshakeWorker = new HandshakeWorker("cl-handshake");
        MetricsServer metrics = null;
        try {
            long heartbeatNanos = TimeUnit.MILLISECONDS.toNanos(config.performance().heartbeatIntervalMs());
            for (int i = 0; i < config.links().linkCount(); i++) {
                InetAddress source = config.links().sourceIpOfLink(i);
                InetSocketAddress target = new InetSocketAddress(server, config.links().serverPortOfLink(i));
                DatagramChannel channel = openChannel(server);
                channels.add(channel);
                try {
                    channel.bind(new InetSocketAddress(source, 0));
                    channel.connect(target);
                } catch (IOException e) {
                    throw new IOException("link " + i + ": cannot bind " + source.getHostAddress() + " and reach " + target + ": " + e.getMessage(), e);
                }
                String name = source.getHostAddress() + "#" + (i % config.links().linksPerWan());
                Link link = new Link(i, name, config.links().rateMbitOfLink(i), channel, target, true, heartbeatNanos);
                link.obfuscate(obfuscation(config));
                links.add(link);
            }
            tun = LinuxTun.open(config.general().tunName(), config.ownTunIp(), config.general().tunNetmask(), mtu);
            TunDevice device = tun;
            int id = Session.randomId();
            Session session = newSession(id, config, device, counters);
            ClientSessions sessions = new ClientSessions(session, links, credentials, handshakeWorker, counters);
            metrics = startMetrics(config, Role.CLIENT, sessions, counters);
            Log.info("client " + device.name() + " " + config.ownTunIp().getHostAddress() + " mtu " + mtu + ", "
                    + links.size() + " links to " + server.getHostAddress() + ", session " + Integer.toHexString(id) + ", " + suite.configName());
            return new Tunnel(Role.CLIENT, device, channels, sessions, handshakeWorker, counters, config, suite, onFatal, metrics);
        } catch (IOException | RuntimeException e) {
            closeMetrics(metrics);
            handshakeWorker.close();
            closeAll(channels, tun);
            throw e;
        }
    }

    private static Tunnel startServer(TunnelConfig config, Credentials credentials, CipherSuite suite, TunnelCounters counters,
                                      Consumer<String> onFatal) throws IOException {
        InetAddress listen = config.general().listenIp();
        int mtu = config.general().mtu() > 0 ? config.general().mtu() : Overhead.automaticTunMtu(listen, config.security().obfuscate());
        List<DatagramChannel> channels = new ArrayList<>();
        TunDevice tun = null;
        HandshakeWorker handshakeWorker = new HandshakeWorker("cl-handshake");
        MetricsServer metrics = null;
        try {
            for (int p = 0; p < config.links().portCount(); p++) {
                int port = config.links().startPort() + p;
                DatagramChannel channel = openChannel(listen);
                channels.add(channel);
                try {
                    channel.bind(new InetSocketAddress(listen, port));
                } catch (IOException e) {
                    throw new IOException("cannot listen on UDP " + listen.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
                }
            }
            tun = LinuxTun.open(config.general().tunName(), config.ownTunIp(), config.general().tunNetmask(), mtu);
            TunDevice device = tun;
            long heartbeatNanos = TimeUnit.MILLISECONDS.toNanos(config.performance().heartbeatIntervalMs());
            ServerSessions sessions = new ServerSessions(credentials, channels,
                    runId -> newSession(runId, config, device, counters),
                    (linkId, via, from) -> {
                        Link link = new Link(linkId, "link" + linkId, serverSideRate(config, linkId), via, from, false, heartbeatNanos);
                        link.obfuscate(obfuscation(config));
                        return link;
                    },
                    handshakeWorker, counters, obfuscation(config));
            metrics = startMetrics(config, Role.SERVER, sessions, counters);
            Log.info("server " + device.name() + " " + config.ownTunIp().getHostAddress() + " mtu " + mtu + ", listening on UDP "
                    + listen.getHostAddress() + ":" + config.links().startPort() + "-" + (config.links().startPort() + config.links().portCount() - 1)
                    + ", " + suite.configName());
            return new Tunnel(Role.SERVER, device, channels, sessions, handshakeWorker, counters, config, suite, onFatal, metrics);
        } catch (IOException | RuntimeException e) {
            closeMetrics(metrics);
            handshakeWorker.close();
            closeAll(channels, tun);
            throw e;
        }
    }

    /**
     * The obfuscation layer when {@code [security] obfuscate} is on, else null. Its state is per
     * thread, so one instance per tunnel or several give the same datagrams.
     */
    private static Obfuscation obfuscation(TunnelConfig config) {
        return config.security().obfuscate() ? new Obfuscation(config.security().serverPublicKey().bytes()) : null;
    }

    /** The server knows the client's link rates only from its own copy of the config. */
    private static double serverSideRate(TunnelConfig config, int linkId) {
        return linkId < config.links().linkCount() ? config.links().rateMbitOfLink(linkId) : 0;
    }

    private static Session newSession(int id, TunnelConfig config, TunDevice tun, TunnelCounters counters) {
        FecSettings fec = FecSettings.from(config.performance());
        long timeout = TimeUnit.MILLISECONDS.toNanos(config.performance().reorderTimeoutMs());
        ReorderBuffer reorder = new ReorderBuffer(REORDER_CAPACITY, tun.mtu(), timeout, fec.lossHoldNanos(), 0,
                new TunWriter(tun, counters));
        long rekeyAfter = TimeUnit.SECONDS.toNanos(config.security().rekeyAfterSeconds());
        // Keys are dropped half their rekey age after it (180 s by default, as WireGuard): a client
        // that cannot finish a new handshake by then has lost the server anyway.
        KeyRing keys = new KeyRing(rekeyAfter, rekeyAfter * 3 / 2);
        return new Session(id, keys, reorder, new DeliveryAlignment(timeout), fec.newDecoder(tun.mtu(), reorder),
                new SentPackets(SENT_PACKETS, DataBody.PACKET_OFFSET + tun.mtu()));
    }

    private static DatagramChannel openChannel(InetAddress family) throws IOException {
        DatagramChannel channel = DatagramChannel.open(family instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
        channel.setOption(StandardSocketOptions.SO_REUSEADDR, false);
        return channel;
    }

    private static String label(Role role) {
        return role == Role.CLIENT ? "client" : "server";
    }

    /**
     * Starts the HTTP endpoint of {@code [metrics] listen}, or returns null when it is off. Called
     * before any tunnel thread starts, so a port in use fails the start cleanly.
     */
    private static MetricsServer startMetrics(TunnelConfig config, Role role, SessionDirectory sessions, TunnelCounters counters)
            throws IOException {
        if (!config.metrics().enabled()) {
            return null;
        }
        MetricsSource source = new MetricsSource(label(role), sessions::current, counters);
        long startedNanos = System.nanoTime();
        MetricsServer server = MetricsServer.start(config.metrics().listen(), new TunnelMetrics(source),
                () -> StatusSnapshot.json(StatusSnapshot.of(label(role), startedNanos, sessions.current(), counters, System.nanoTime())));
        Log.info("metrics on http://" + server.hostPort() + "/metrics (also /healthz, /readyz, /status)");
        return server;
    }

    private static void closeMetrics(MetricsServer metrics) {
        if (metrics != null) {
            metrics.close();
        }
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // A periodic task that throws would be cancelled for good; log and keep it running.
                Log.error("control task failed: " + e);
            }
        };
    }

    /** What {@code chainlightning status} shows: links and counters now. Any thread. */
    public StatusSnapshot status() {
        return StatusSnapshot.of(role == Role.CLIENT ? "client" : "server", startedNanos, sessions.current(), counters, System.nanoTime());
    }

    public TunnelCounters counters() {
        return counters;
    }

    public String tunName() {
        return tun.name();
    }

    /** Stops the threads, closes the sockets and removes the TUN device. */
    @Override
    public void close() {
        closeMetrics(metricsServer); // first, so /readyz stops saying ready while the rest shuts down
        sender.stop();
        receiver.stop();
        control.shutdownNow();
        handshakeWorker.close();
        try {
            sendThread.join(2000);
            receiveThread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeAll(channels, tun);
        Log.info(label(role) + " stopped; " + tun.name() + " removed");
    }

    private static void closeAll(List<DatagramChannel> channels, TunDevice tun) {
        for (DatagramChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        if (tun != null) {
            tun.close();
        }
    }
}
