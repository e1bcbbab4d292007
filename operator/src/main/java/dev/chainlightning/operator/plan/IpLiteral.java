package dev.chainlightning.operator.plan;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Whether text is an IP literal, as the tunnel's config wants (host names are never resolved there). */
final class IpLiteral {
    private static final Pattern V4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern V6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpLiteral() {
    }

    static boolean isValid(String text) {
        if (text == null) {
            return false;
        }
        if (V4.matcher(text).matches()) {
            return true;
        }
        // Only hex digits, colons and dots reach InetAddress, which then parses a literal and never does a lookup.
        if (!text.contains(":") || !V6_CHARACTERS.matcher(text).matches()) {
            return false;
        }
        try {
            InetAddress.getByName(text);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
