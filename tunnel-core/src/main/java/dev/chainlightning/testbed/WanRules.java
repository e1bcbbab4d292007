package dev.chainlightning.testbed;

import java.util.List;

/**
 * nftables ruleset of the wan namespace: the ISP side of every link.
 *
 * <ul>
 *   <li>masquerade towards the server, {@code random} so that a flushed conntrack entry gets a new
 *       source port (like a CGNAT that forgot the mapping);</li>
 *   <li>upload classification: tc egress on the server-facing veth runs after masquerade, so the
 *       source address no longer tells the links apart. The input interface does, and the forward
 *       chain copies it into {@code skb->priority} (the packet's HTB class id, which HTB selects
 *       without any classifier) plus a mark for debugging. This kernel has neither cls_fw nor u32
 *       mark matching, so a fw filter on the mark is not available; and ip_forward() resets the
 *       priority from the TOS before the forward hook, hence forward rather than prerouting.</li>
 *   <li>the {@code cut} set: links whose traffic is dropped in both directions (a dead upstream).</li>
 *   <li>the {@code loss} chain: random drops of a given share of a link's packets in both
 *       directions ({@code numgen random}), rewritten whole whenever a link's loss changes.</li>
 * </ul>
 */
final class WanRules {

    static final String TABLE = "testbed";
    static final String CUT_SET = "cut";
    static final String LOSS_CHAIN = "loss";

    private WanRules() {
    }

    /** Input to {@code nft -f -}. linkDevs are the wan-side veths of the links, in link order. */
    static String ruleset(List<String> linkDevs, String serverDev) {
        StringBuilder classify = new StringBuilder();
        for (int i = 0; i < linkDevs.size(); i++) {
            classify.append("    iifname \"").append(linkDevs.get(i)).append("\" meta mark set 0x")
                    .append(Integer.toHexString(mark(i))).append(" meta priority set ")
                    .append(Shaper.UP_ROOT).append(':').append(Shaper.upClassMinor(i)).append('\n');
        }
        return """
                table ip %1$s {
                  set %2$s { type ifname; }
                  # raw priority: drop before conntrack so a cut link leaves no new entries behind
                  chain cut_in { type filter hook prerouting priority raw; policy accept;
                    iifname @%2$s drop
                  }
                  chain cut_out { type filter hook postrouting priority filter; policy accept;
                    oifname @%2$s drop
                  }
                  chain classify { type filter hook forward priority filter; policy accept;
                %3$s  }
                  chain %5$s { type filter hook forward priority filter - 10; policy accept;
                  }
                  chain nat { type nat hook postrouting priority srcnat; policy accept;
                    oifname "%4$s" masquerade random
                  }
                }
                """.formatted(TABLE, CUT_SET, classify, serverDev, LOSS_CHAIN);
    }

    /**
     * Input to {@code nft -f -} that replaces the loss chain's rules: for each wan-side link device,
     * drop that many packets per million in each direction, at random.
     */
    static String lossRules(java.util.Map<String, Integer> ppmByDev) {
        StringBuilder rules = new StringBuilder("flush chain ip " + TABLE + " " + LOSS_CHAIN + "\n");
        ppmByDev.forEach((dev, ppm) -> {
            if (ppm > 0) {
                for (String direction : List.of("iifname", "oifname")) {
                    rules.append("add rule ip ").append(TABLE).append(' ').append(LOSS_CHAIN).append(' ')
                            .append(direction).append(" \"").append(dev).append("\" numgen random mod 1000000 < ")
                            .append(ppm).append(" drop\n");
                }
            }
        });
        return rules.toString();
    }

    static int mark(int link) {
        return 0x100 + link;
    }

    static List<String> cut(String dev) {
        return List.of("nft", "add", "element", "ip", TABLE, CUT_SET, "{ \"" + dev + "\" }");
    }

    static List<String> restore(String dev) {
        return List.of("nft", "delete", "element", "ip", TABLE, CUT_SET, "{ \"" + dev + "\" }");
    }
}
