package dev.chainlightning.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One iperf3 TCP transfer of one or more parallel flows between the client and server namespaces
 * over a {@link Contender}: a one-shot server and the client, each writing its own log.
 */
public final class TcpLoad {

    /** Ports 5500..5699: apart from {@link Iperf}'s, and fresh per transfer (a finished one-shot server may linger). */
    private static final AtomicInteger NEXT_PORT = new AtomicInteger();

    private final Process server;
    private final Process client;
    private final Path json;
    private final int seconds;
    private final boolean reverse;

    private TcpLoad(Process server, Process client, Path json, int seconds, boolean reverse) {
        this.server = server;
        this.client = client;
        this.json = json;
        this.seconds = seconds;
        this.reverse = reverse;
    }

    /** Starts {@code flows} TCP flows for {@code seconds}; download with {@code reverse}; congestion control {@code cc}. */
    public static TcpLoad start(TestBed bed, Path dir, String name, Contender via, int seconds, int flows, boolean reverse,
            String cc) throws IOException {
        String port = Integer.toString(5500 + NEXT_PORT.getAndIncrement() % 200);
        Process server = bed.start(bed.serverNs(), via.wrap(List.of("iperf3", "-s", "-1", "-B", via.serverIp(), "-p", port)),
                dir.resolve(name + "-server.log"));
        bed.awaitTcpListener(bed.serverNs(), Integer.parseInt(port), Duration.ofSeconds(10));
        List<String> cmd = new ArrayList<>(List.of("iperf3", "-c", via.serverIp(), "-p", port, "-t", Integer.toString(seconds),
                "-P", Integer.toString(flows), "-C", cc, "-J", "--connect-timeout", "5000"));
        if (via.clientBind() != null) {
            cmd.addAll(List.of("-B", via.clientBind()));
        }
        if (reverse) {
            cmd.add("-R");
        }
        Path json = dir.resolve(name + ".json");
        return new TcpLoad(server, bed.start(bed.clientNs(), via.wrap(cmd), json), json, seconds, reverse);
    }

    /**
     * The pid of the iperf3 that receives the data (the server on upload, the client on
     * download). {@code ip netns exec} and {@code mptcpize run} both exec their command, so this
     * is normally the started process itself; otherwise its iperf3 descendant.
     */
    public long receiverPid() throws IOException, InterruptedException {
        ProcessHandle started = (reverse ? client : server).toHandle();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            // Until the exec has happened, the process is still ip or mptcpize: look again.
            Optional<ProcessHandle> iperf = Stream.concat(Stream.of(started), started.descendants())
                    .filter(h -> h.info().command().map(c -> c.endsWith("/iperf3")).orElse(false))
                    .findFirst();
            if (iperf.isPresent()) {
                return iperf.get().pid();
            }
            if (System.nanoTime() > deadline || !started.isAlive()) {
                throw new IOException("no iperf3 process under pid " + started.pid());
            }
            Thread.sleep(10);
        }
    }

    /** Waits for the transfer to end; the goodput as the receiver measured it. */
    public Iperf.Result await() throws IOException, InterruptedException {
        if (!client.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
            client.destroyForcibly();
            throw new IOException("iperf3 did not finish within " + (seconds + 30) + " s");
        }
        server.waitFor(5, TimeUnit.SECONDS);
        server.destroy();
        if (client.exitValue() != 0) {
            throw new IOException("iperf3 failed with exit " + client.exitValue() + ": " + Files.readString(json));
        }
        return Iperf.parse(Files.readString(json));
    }
}
