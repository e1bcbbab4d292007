package dev.chainlightning.testbed;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The replies in the output of iputils {@code ping -D}: each line starts with the wall-clock time
 * the reply arrived, e.g. {@code [1764032400.123456] 1380 bytes from 10.99.0.1: icmp_seq=7 ttl=64 time=1.23 ms}.
 * Duplicates ({@code DUP!}) are left out: they say nothing about the delay of the first copy.
 */
public final class PingOutput {

    private static final Pattern REPLY = Pattern.compile(
            "^\\[(\\d+(?:\\.\\d+)?)\\] .*icmp_seq=(\\d+) .*time=([0-9.]+) ms");

    /** One reply: when it arrived (seconds since the epoch), its sequence number and round trip. */
    public record Reply(double arrivedEpochSeconds, int seq, double rttMs) {

        /** When the request left: the arrival minus the round trip. */
        public double sentEpochSeconds() {
            return arrivedEpochSeconds - rttMs / 1000;
        }
    }

    private PingOutput() {
    }

    public static List<Reply> parse(String output) {
        List<Reply> replies = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.contains("DUP!")) {
                continue;
            }
            Matcher m = REPLY.matcher(line);
            if (m.find()) {
                replies.add(new Reply(Double.parseDouble(m.group(1)), Integer.parseInt(m.group(2)),
                        Double.parseDouble(m.group(3))));
            }
        }
        return replies;
    }

    /** The replies to requests sent in [fromEpochSeconds, toEpochSeconds). */
    public static List<Reply> sentBetween(List<Reply> replies, double fromEpochSeconds, double toEpochSeconds) {
        return replies.stream()
                .filter(r -> r.sentEpochSeconds() >= fromEpochSeconds && r.sentEpochSeconds() < toEpochSeconds)
                .toList();
    }

    /** How many requests went out and how many of them got no reply. */
    public record Loss(long sent, long lost) {

        public Loss plus(Loss other) {
            return new Loss(sent + other.sent, lost + other.lost);
        }

        /** Lost as a share of sent; 0 when nothing was sent. */
        public double share() {
            return sent == 0 ? 0 : (double) lost / sent;
        }
    }

    /**
     * Requests without a reply among those sent between the first and the last answered one (ping
     * numbers its requests without gaps, so the missing numbers are the lost ones). A loss at
     * either edge of the list is not seen; over hundreds of pings that is a small error.
     */
    public static Loss loss(List<Reply> replies) {
        if (replies.isEmpty()) {
            return new Loss(0, 0);
        }
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (Reply r : replies) {
            first = Math.min(first, r.seq());
            last = Math.max(last, r.seq());
        }
        long sent = (long) last - first + 1;
        long answered = replies.stream().mapToInt(Reply::seq).distinct().count();
        return new Loss(sent, sent - answered);
    }

    /** The round trips in ms. */
    public static double[] rtts(List<Reply> replies) {
        return replies.stream().mapToDouble(Reply::rttMs).toArray();
    }
}
