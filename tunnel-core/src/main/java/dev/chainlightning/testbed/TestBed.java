package dev.chainlightning.testbed;

import dev.chainlightning.testbed.emu.EmulationProfile;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A home gateway with N WAN links to a VPS, built from three network namespaces:
 * client {@code clN<id>c} (the gateway), wan {@code clN<id>w} (the ISPs: NAT, rate limits, cuts)
 * and server {@code clN<id>s} (the VPS at {@value #SERVER_IP}).
 *
 * <p>Link i is a veth pair client {@code wan<i>} 10.10.i.2/24 to wan {@code isp<i>} 10.10.i.1/24;
 * the server hangs off wan {@code core} 10.20.0.1/24 to server {@code uplink} 10.20.0.2/24.
 * Nothing is ever created in, or routed through, the caller's own namespace: the veths are created
 * inside the wan namespace and the client has no default route in its main table.
 *
 * <p>An emulated link ({@link #create(List, List)}) gets a router namespace {@code clN<id>e<i>}
 * between client and wan running a user-space link emulator (delay, jitter, loss, rate, schedule);
 * the client side is unchanged and the wan's {@code isp<i>} then faces the emulator namespace.
 * See docs/LINK-EMULATOR.md.
 */
public final class TestBed implements AutoCloseable {

    public enum Direction { UP, DOWN }

    private final java.util.Map<String, Integer> lossPpm = new java.util.TreeMap<>();

    static final String SERVER_IP = "10.20.0.2";
    static final String WAN_SERVER_SIDE_IP = "10.20.0.1";
    static final String WAN_SERVER_DEV = "core";
    static final String SERVER_DEV = "uplink";
    static final int FIRST_TABLE = 100;
    static final String EMU_TUN = "emu0";
    static final int EMULATED_HTB_MBIT = 1000;
    private static final Duration EMULATOR_START = Duration.ofSeconds(20);
    /** -Dtestbed.keepLogs=true keeps the emulator logs in java.io.tmpdir after close. */
    private static final boolean KEEP_LOGS = Boolean.getBoolean("testbed.keepLogs");
    private static final int MAX_LINKS = 200;
    private static final List<String> TOOLS = List.of("ip", "tc", "nft", "iperf3", "ping", "conntrack", "tcpdump");
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Pattern SENT_BYTES = Pattern.compile("Sent (\\d+) bytes");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String id;
    private final List<LinkSpec> links;
    private final List<EmulationProfile> emulation;
    private final List<Path> emulatorLogs = new CopyOnWriteArrayList<>();
    private final List<String> createdNamespaces = new CopyOnWriteArrayList<>();
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final Set<Integer> cutLinks = Collections.synchronizedSet(new HashSet<>());
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private TestBed(String id, List<LinkSpec> links, List<EmulationProfile> emulation) {
        this.id = id;
        this.links = List.copyOf(links);
        this.emulation = Collections.unmodifiableList(new ArrayList<>(emulation));
        this.shutdownHook = new Thread(this::close, "testbed-cleanup-" + id);
    }

    /** Builds everything; on failure removes what it made and rethrows (the message names the command). */
    public static TestBed create(List<LinkSpec> links) throws IOException {
        return create(links, Collections.nCopies(links.size(), null));
    }

    /**
     * Like {@link #create(List)}, with a link emulator ({@link EmulationProfile}: delay, jitter,
     * loss, rate, schedule) on every link i whose {@code emulation.get(i)} is not null; a null
     * entry builds that link exactly as {@link #create(List)} does. An emulated link's rate limit
     * is the emulator's: its htb classes in the wan namespace are set to
     * 1000 Mbit/s, {@code EMULATED_HTB_MBIT} (they only count bytes for {@link #wanBytes}), and its
     * LinkSpec rates are not used for shaping. See docs/LINK-EMULATOR.md.
     */
    public static TestBed create(List<LinkSpec> links, List<EmulationProfile> emulation) throws IOException {
        if (links.isEmpty() || links.size() > MAX_LINKS) {
            throw new IllegalArgumentException("need 1.." + MAX_LINKS + " links, got " + links.size());
        }
        if (emulation.size() != links.size()) {
            throw new IllegalArgumentException("need one emulation entry (or null) per link: "
                    + emulation.size() + " for " + links.size() + " links");
        }
        TestBed bed = new TestBed(newId(), links, emulation);
        // Registered before the first namespace exists, so a killed JVM still cleans up.
        Runtime.getRuntime().addShutdownHook(bed.shutdownHook);
        try {
            new TopologyBuilder(bed).build();
            bed.startEmulators();
            return bed;
        } catch (IOException | RuntimeException e) {
            bed.close();
            throw e;
        }
    }

    /** 5 random base-36 characters: namespace names stay short and unique per run. */
    private static String newId() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            sb.append(Character.forDigit(RANDOM.nextInt(36), 36));
        }
        return sb.toString();
    }

    public String id() {
        return id;
    }

    public String clientNs() {
        return "clN" + id + "c";
    }

    public String wanNs() {
        return "clN" + id + "w";
    }

    public String serverNs() {
        return "clN" + id + "s";
    }

    public int linkCount() {
        return links.size();
    }

    public List<LinkSpec> links() {
        return links;
    }

    public String serverIp() {
        return SERVER_IP;
    }

    /** Namespace of link i's emulator (only exists when the link is emulated). */
    public String emuNs(int i) {
        return "clN" + id + "e" + checkLink(i);
    }

    public boolean isEmulated(int i) {
        return emulation.get(checkLink(i)) != null;
    }

    /** Link i's emulation profile, or null when it is not emulated. */
    public EmulationProfile emulation(int i) {
        return emulation.get(checkLink(i));
    }

    /** Log file of link i's emulator process (its settings, seed and, after close, its counters). */
    public Path emulatorLog(int i) {
        checkLink(i);
        return logDir().resolve("emu" + i + ".log");
    }

    public String clientLinkIp(int i) {
        return "10.10." + checkLink(i) + ".2";
    }

    /** The client's gateway on link i: the wan namespace, or the emulator namespace when emulated. */
    String wanLinkIp(int i) {
        return "10.10." + checkLink(i) + ".1";
    }

    /** Emulator namespace's end of the /30 to the wan namespace (emulated links only). */
    String emuWanSideIp(int i) {
        return "10.30." + checkLink(i) + ".1";
    }

    /** Wan namespace's end of the /30 to link i's emulator namespace. */
    String wanEmuSideIp(int i) {
        return "10.30." + checkLink(i) + ".2";
    }

    public String clientLinkDev(int i) {
        return "wan" + checkLink(i);
    }

    /**
     * The wan namespace's side of link i (where its download limit sits): the veth to the client,
     * or for an emulated link the veth to its emulator namespace. Same name either way.
     */
    public String wanLinkDev(int i) {
        return "isp" + checkLink(i);
    }

    public List<String> clientSourceIps() {
        List<String> ips = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            ips.add(clientLinkIp(i));
        }
        return List.copyOf(ips);
    }

    public CommandResult exec(String ns, String... cmd) throws IOException {
        return Shell.run(inNs(ns, List.of(cmd)));
    }

    public CommandResult execOrThrow(String ns, String... cmd) throws IOException {
        List<String> full = inNs(ns, List.of(cmd));
        return Shell.check(full, Shell.run(full));
    }

    /** Background process in ns, stdout and stderr to logFile; close() stops it. */
    public Process start(String ns, List<String> cmd, Path logFile) throws IOException {
        if (closed.get()) {
            throw new IllegalStateException("test bed " + id + " is closed");
        }
        Path parent = logFile.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Process p = Shell.builder(inNs(ns, cmd))
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        processes.add(p);
        return p;
    }

    /** Waits until something in ns listens on TCP port (e.g. a freshly started iperf3 -s). */
    public void awaitTcpListener(String ns, int port, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            CommandResult r = exec(ns, "ss", "-Hltn", "sport = :" + port);
            if (r.ok() && !r.stdout().isBlank()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("nothing listens on TCP port " + port + " in " + ns + " after " + timeout);
            }
            sleep(50);
        }
    }

    /** Drops all traffic of link i in the wan namespace, both ways; the client's veth stays up. */
    public void cutLink(int i) throws IOException {
        checkLink(i);
        synchronized (cutLinks) {
            if (cutLinks.add(i)) {
                execOrThrow(wanNs(), WanRules.cut(wanLinkDev(i)).toArray(String[]::new));
            }
        }
    }

    public void restoreLink(int i) throws IOException {
        checkLink(i);
        synchronized (cutLinks) {
            if (cutLinks.remove(i)) {
                execOrThrow(wanNs(), WanRules.restore(wanLinkDev(i)).toArray(String[]::new));
            }
        }
    }

    /**
     * Drops {@code percent} of link i's packets at random, in both directions (0 ends it), as a
     * noisy line or a cell edge does.
     */
    public void setLoss(int i, double percent) throws IOException {
        checkLink(i);
        synchronized (lossPpm) {
            lossPpm.put(wanLinkDev(i), (int) Math.round(percent * 10_000));
            List<String> cmd = inNs(wanNs(), List.of("nft", "-f", "-"));
            Shell.check(cmd, Shell.run(cmd, WanRules.lossRules(lossPpm), Shell.DEFAULT_TIMEOUT));
        }
    }

    /** Forgets link i's NAT mappings: the next packet of a flow gets a new (random) source port. */
    public void rebindNat(int i) throws IOException {
        CommandResult r = exec(wanNs(), "conntrack", "-D", "--orig-src", clientLinkIp(i));
        // conntrack exits 1 when there was nothing to delete; that is fine here.
        if (!r.ok() && !r.stderr().contains("0 flow entries")) {
            Shell.check(inNs(wanNs(), List.of("conntrack", "-D", "--orig-src", clientLinkIp(i))), r);
        }
    }

    /** Bytes that left the wan namespace for link i in direction d (HTB class counters, incl. L2 headers). */
    public long wanBytes(int i, Direction d) throws IOException {
        checkLink(i);
        String dev = d == Direction.UP ? WAN_SERVER_DEV : wanLinkDev(i);
        String classId = d == Direction.UP ? Shaper.upClassId(i) : Shaper.downClassId();
        CommandResult r = Shell.runOrThrow(List.of("tc", "-n", wanNs(), "-s", "class", "show",
                "dev", dev, "classid", classId));
        Matcher m = SENT_BYTES.matcher(r.stdout());
        if (!m.find()) {
            throw new IOException("no byte counter for class " + classId + " on " + dev + ":\n" + r.stdout());
        }
        return Long.parseLong(m.group(1));
    }

    /** Stops started processes and deletes the namespaces; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // An interrupted caller (Ctrl-C in the demo) must still get its namespaces removed:
        // clear the flag for the clean-up commands and set it again afterwards.
        boolean interrupted = Thread.interrupted();
        try {
            removeEverything();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void removeEverything() {
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook may be running concurrently; the closed flag keeps the work single
            }
        }
        stopProcesses();
        for (String ns : createdNamespaces) {
            killRemaining(ns);
            try {
                Shell.run(List.of("ip", "netns", "delete", ns));
            } catch (IOException e) {
                System.err.println("testbed: could not delete namespace " + ns + ": " + e.getMessage());
            }
        }
        createdNamespaces.clear();
        if (!KEEP_LOGS) {
            deleteEmulatorLogs();
        }
    }

    private Path logDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "chainlightning-testbed-" + id);
    }

    /** One emulator process per emulated link; returns once each has attached to its TUN device. */
    private void startEmulators() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        for (int i = 0; i < links.size(); i++) {
            EmulationProfile profile = emulation.get(i);
            if (profile == null) {
                continue;
            }
            List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                    "-Xmx128m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    "dev.chainlightning.testbed.emu.LinkEmulatorMain",
                    "--tun", EMU_TUN, "--client-net", "10.10." + i + ".0/24"));
            cmd.addAll(profile.toArgs());
            Path log = emulatorLog(i);
            emulatorLogs.add(log);
            Process p = start(emuNs(i), cmd, log);
            awaitEmulator(i, p, log);
        }
    }

    private void awaitEmulator(int i, Process p, Path log) throws IOException {
        long deadline = System.nanoTime() + EMULATOR_START.toNanos();
        while (true) {
            CommandResult r = Shell.run(List.of("ip", "-n", emuNs(i), "link", "show", EMU_TUN));
            if (r.ok() && !r.stdout().contains("NO-CARRIER")) {
                return;
            }
            if (!p.isAlive() || System.nanoTime() > deadline) {
                String out = Files.exists(log) ? Files.readString(log) : "";
                throw new IOException("emulator of link " + i + (p.isAlive() ? " did not attach within "
                        + EMULATOR_START : " exited with " + p.exitValue()) + ":\n" + out);
            }
            sleep(50);
        }
    }

    private void deleteEmulatorLogs() {
        for (Path log : emulatorLogs) {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // best effort
            }
        }
        try {
            Files.deleteIfExists(logDir());
        } catch (IOException e) {
            // not empty or gone: leave it
        }
    }

    public static List<String> missingTools() {
        return TOOLS.stream().filter(t -> Shell.which(t).isEmpty()).toList();
    }

    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0"); // real, effective, ...
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through: not Linux or unreadable
        }
        return "root".equals(System.getProperty("user.name"));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TestBed[%s, %d links]", id, links.size());
    }

    void addNamespace(String ns) throws IOException {
        Shell.runOrThrow(List.of("ip", "netns", "add", ns));
        createdNamespaces.add(ns);
    }

    private static List<String> inNs(String ns, List<String> cmd) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(cmd);
        return full;
    }

    private int checkLink(int i) {
        if (i < 0 || i >= links.size()) {
            throw new IndexOutOfBoundsException("link " + i + " of " + links.size());
        }
        return i;
    }

    /** SIGTERM everything we started, then SIGKILL what is still alive after the grace period. */
    private void stopProcesses() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (Process p : processes) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }

    /** Namespaces are ours alone, so whatever still runs in them (e.g. via exec) belongs to this bed. */
    private static void killRemaining(String ns) {
        try {
            CommandResult r = Shell.run(List.of("ip", "netns", "pids", ns));
            for (String pid : r.stdout().split("\\s+")) {
                if (!pid.isBlank()) {
                    ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(h -> {
                        h.destroyForcibly();
                        h.onExit().completeOnTimeout(h, 2, TimeUnit.SECONDS).join();
                    });
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("testbed: could not list processes of " + ns + ": " + e.getMessage());
        }
    }

    /** Sleeps; an interrupt becomes an IOException, as the test bed's other failures are. */
    static void sleep(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
