package dev.chainlightning.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Strict IP literal parsing. {@code InetAddress.getByName} would silently fall back to a DNS lookup
 * for anything that is not a literal, and it accepts ambiguous forms such as {@code "10.1"}; a config
 * file must say exactly which address it means.
 */
final class IpLiterals {
    private IpLiterals() {}

    /** A dotted-quad IPv4 address (no leading zeros, which some tools read as octal), else null. */
    static Inet4Address parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                char c = p.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            bytes[i] = (byte) v;
        }
        return (Inet4Address) byAddress(bytes);
    }

    /** An IPv4 or IPv6 literal (IPv6 without zone id), else null. */
    static InetAddress parse(String s) {
        Inet4Address v4 = parseV4(s);
        if (v4 != null) {
            return v4;
        }
        if (!looksLikeV6(s)) {
            return null;
        }
        // Safe: a string that starts with a hex digit or ':' and contains ':' is only ever parsed as a
        // literal by the JDK, never resolved.
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean looksLikeV6(String s) {
        if (s.length() < 2 || s.length() > 45 || s.indexOf(':') < 0 || s.charAt(0) == '.') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                    || c == ':' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address length " + bytes.length, e);
        }
    }

    /** The IPv4 address as an unsigned 32-bit value in an int. */
    static int toInt(Inet4Address a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    /** Prefix length of a contiguous netmask such as 255.255.255.0, or -1 if the ones are not contiguous. */
    static int prefixLength(Inet4Address mask) {
        int m = toInt(mask);
        int hostBits = ~m;
        // Contiguous iff the host part is 2^k - 1, i.e. adding one clears all of its bits.
        if ((hostBits & (hostBits + 1)) != 0) {
            return -1;
        }
        return Integer.bitCount(m);
    }
}
