package dev.chainlightning.operator.plan;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An IPv4 CIDR block cut into /30s, one per client: network, server, client, broadcast. */
public final class AddressPool {
    private static final Pattern CIDR = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
    public static final String SUBNET_MASK = "255.255.255.252";
    private static final int SUBNET_SIZE = 4;

    private final long network;
    private final int prefix;

    private AddressPool(long network, int prefix) {
        this.network = network;
        this.prefix = prefix;
    }

    /** Parses "10.99.0.0/24"; host bits must be zero so the block is what it looks like. */
    public static AddressPool parse(String cidr) {
        Matcher m = CIDR.matcher(cidr == null ? "" : cidr.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IPv4 block such as 10.99.0.0/24");
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                throw new IllegalArgumentException("'" + cidr + "' has an octet above 255");
            }
            address = (address << 8) | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix > 30) {
            throw new IllegalArgumentException("'" + cidr + "' is smaller than the /30 one client needs");
        }
        long hostBits = (1L << (32 - prefix)) - 1;
        if ((address & hostBits) != 0) {
            throw new IllegalArgumentException("'" + cidr + "' has host bits set (the block starts at "
                    + format(address & ~hostBits) + ")");
        }
        return new AddressPool(address, prefix);
    }

    /** How many clients the block has room for. */
    public long capacity() {
        return (1L << (32 - prefix)) / SUBNET_SIZE;
    }

    /** The server's address in client {@code index}'s /30. */
    public String serverAddress(int index) {
        return format(network + (long) index * SUBNET_SIZE + 1);
    }

    /** The client's address in its /30. */
    public String clientAddress(int index) {
        return format(network + (long) index * SUBNET_SIZE + 2);
    }

    private static String format(long a) {
        return ((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255);
    }
}
