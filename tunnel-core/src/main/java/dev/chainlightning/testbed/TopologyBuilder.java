package dev.chainlightning.testbed;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The commands that build a {@link TestBed}'s namespaces, addresses, routes, NAT and rate limits. */
final class TopologyBuilder {

    static final String EMU_LAN_DEV = "lan";
    static final String EMU_WAN_DEV = "wan";
    static final int EMU_TABLE = 100;

    private final TestBed bed;
    private final String c;
    private final String w;
    private final String s;

    TopologyBuilder(TestBed bed) {
        this.bed = bed;
        this.c = bed.clientNs();
        this.w = bed.wanNs();
        this.s = bed.serverNs();
    }

    void build() throws IOException {
        for (String ns : List.of(c, w, s)) {
            bed.addNamespace(ns);
            ip(ns, "link", "set", "lo", "up");
        }
        // Before any interface exists, so every new interface inherits the relaxed default.
        sysctl(c, "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0",
                "net.ipv4.tcp_no_metrics_save=1");
        sysctl(w, "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0",
                "net.ipv4.ip_forward=1");
        sysctl(s, "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0",
                "net.ipv4.tcp_no_metrics_save=1");

        // Veths are created inside the wan namespace with the peer placed directly in its own one.
        ip(w, "link", "add", TestBed.WAN_SERVER_DEV, "type", "veth", "peer", "name", TestBed.SERVER_DEV, "netns", s);
        addressUp(w, TestBed.WAN_SERVER_DEV, TestBed.WAN_SERVER_SIDE_IP + "/24");
        // The server only knows its connected subnet: it answers the masqueraded 10.20.0.1.
        addressUp(s, TestBed.SERVER_DEV, TestBed.SERVER_IP + "/24");
        segmentOnTheWire(s, TestBed.SERVER_DEV);

        List<String> wanLinkDevs = new ArrayList<>();
        for (int i = 0; i < bed.linkCount(); i++) {
            buildLink(i);
            wanLinkDevs.add(bed.wanLinkDev(i));
        }
        Shell.runOrThrow(List.of("ip", "netns", "exec", w, "nft", "-f", "-"),
                WanRules.ruleset(wanLinkDevs, TestBed.WAN_SERVER_DEV));
        shape();
    }

    private void buildLink(int i) throws IOException {
        if (bed.isEmulated(i)) {
            buildEmulatedLink(i);
            return;
        }
        String cdev = bed.clientLinkDev(i);
        String wdev = bed.wanLinkDev(i);
        ip(w, "link", "add", wdev, "type", "veth", "peer", "name", cdev, "netns", c);
        addressUp(w, wdev, bed.wanLinkIp(i) + "/24");
        addressUp(c, cdev, bed.clientLinkIp(i) + "/24");
        segmentOnTheWire(c, cdev);
        // Source-based routing; the unreachable fallback keeps a link's traffic from ever
        // falling through to another table when its route disappears. Main has no default.
        String table = Integer.toString(TestBed.FIRST_TABLE + i);
        ip(c, "rule", "add", "from", bed.clientLinkIp(i), "lookup", table);
        ip(c, "route", "add", "default", "via", bed.wanLinkIp(i), "dev", cdev, "table", table);
        ip(c, "route", "add", "unreachable", "default", "metric", "4096", "table", table);
    }

    /**
     * client {@code wan<i>} 10.10.i.2/24 -- {@code lan} 10.10.i.1/24 [emulator ns] {@code wan}
     * 10.30.i.1/30 -- {@code isp<i>} 10.30.i.2/30 in the wan namespace. In the emulator namespace,
     * everything arriving on either veth is routed into the TUN device {@code emu0} (policy rules,
     * table {@value #EMU_TABLE}); what the emulator writes back arrives on emu0 and takes the main
     * table out the right veth. The TUN is persistent (made here, the emulator attaches to it), so
     * if the emulator dies the link goes dark instead of silently forwarding unemulated.
     */
    private void buildEmulatedLink(int i) throws IOException {
        String e = bed.emuNs(i);
        bed.addNamespace(e);
        ip(e, "link", "set", "lo", "up");
        sysctl(e, "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0",
                "net.ipv4.ip_forward=1", "net.ipv4.conf.all.send_redirects=0",
                "net.ipv4.conf.default.send_redirects=0");
        String cdev = bed.clientLinkDev(i);
        String wdev = bed.wanLinkDev(i);
        ip(w, "link", "add", wdev, "type", "veth", "peer", "name", EMU_WAN_DEV, "netns", e);
        ip(e, "link", "add", EMU_LAN_DEV, "type", "veth", "peer", "name", cdev, "netns", c);
        for (String[] nsDev : new String[][] {{w, wdev}, {e, EMU_WAN_DEV}, {e, EMU_LAN_DEV}, {c, cdev}}) {
            // The emulator relays packets in user space: no offloaded super-frames or partial checksums.
            Shell.runOrThrow(List.of("ip", "netns", "exec", nsDev[0], "ethtool", "-K", nsDev[1],
                    "tso", "off", "gso", "off", "gro", "off", "tx", "off"));
        }
        addressUp(w, wdev, bed.wanEmuSideIp(i) + "/30");
        addressUp(e, EMU_WAN_DEV, bed.emuWanSideIp(i) + "/30");
        addressUp(e, EMU_LAN_DEV, bed.wanLinkIp(i) + "/24");
        addressUp(c, cdev, bed.clientLinkIp(i) + "/24");
        ip(w, "route", "add", "10.10." + i + ".0/24", "via", bed.emuWanSideIp(i), "dev", wdev);
        ip(e, "route", "add", "default", "via", bed.wanEmuSideIp(i), "dev", EMU_WAN_DEV);

        ip(e, "tuntap", "add", "dev", TestBed.EMU_TUN, "mode", "tun");
        ip(e, "link", "set", TestBed.EMU_TUN, "up");
        ip(e, "route", "add", "default", "dev", TestBed.EMU_TUN, "table", Integer.toString(EMU_TABLE));
        ip(e, "rule", "add", "iif", EMU_LAN_DEV, "lookup", Integer.toString(EMU_TABLE), "pref", "100");
        ip(e, "rule", "add", "iif", EMU_WAN_DEV, "lookup", Integer.toString(EMU_TABLE), "pref", "101");

        String table = Integer.toString(TestBed.FIRST_TABLE + i);
        ip(c, "rule", "add", "from", bed.clientLinkIp(i), "lookup", table);
        ip(c, "route", "add", "default", "via", bed.wanLinkIp(i), "dev", cdev, "table", table);
        ip(c, "route", "add", "unreachable", "default", "metric", "4096", "table", table);
    }

    private void shape() throws IOException {
        run(Shaper.upRoot(w, TestBed.WAN_SERVER_DEV));
        for (int i = 0; i < bed.linkCount(); i++) {
            LinkSpec spec = bed.links().get(i);
            // An emulated link's limit is the emulator's; its classes only count bytes.
            double up = bed.isEmulated(i) ? TestBed.EMULATED_HTB_MBIT : spec.upMbit();
            double down = bed.isEmulated(i) ? TestBed.EMULATED_HTB_MBIT : spec.downMbit();
            run(Shaper.upClass(w, TestBed.WAN_SERVER_DEV, i, up));
            run(Shaper.down(w, bed.wanLinkDev(i), down));
        }
    }

    /**
     * A UDP GSO send (the tunnel's batches) crosses a veth as one super-packet, which a real NIC
     * cuts into datagrams before the wire. Without this the wan namespace, playing the ISP, would
     * see the whole batch as one packet: one random drop of the loss rules would take up to 64
     * datagrams, and HTB's pfifo, limited in packets, would queue up to 64 times its bytes. So the
     * ends' veths segment in software, as the NIC would.
     */
    private static void segmentOnTheWire(String ns, String dev) throws IOException {
        Shell.runOrThrow(List.of("ip", "netns", "exec", ns, "ethtool", "-K", dev, "tx-udp-segmentation", "off"));
    }

    private void addressUp(String ns, String dev, String cidr) throws IOException {
        ip(ns, "addr", "add", cidr, "dev", dev);
        ip(ns, "link", "set", dev, "up");
    }

    private static void ip(String ns, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", ns));
        cmd.addAll(List.of(args));
        Shell.runOrThrow(cmd);
    }

    private static void sysctl(String ns, String... settings) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, "sysctl", "-q", "-w"));
        cmd.addAll(List.of(settings));
        Shell.runOrThrow(cmd);
    }

    private static void run(List<List<String>> cmds) throws IOException {
        for (List<String> cmd : cmds) {
            Shell.runOrThrow(cmd);
        }
    }
}
