package dev.standin.core.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** An IPv4 or IPv6 network such as {@code 10.0.0.0/8} or {@code ::1/128}, and whether an address is in it. */
public record Cidr(byte[] network, int prefix) {

    /** Parses a network given as literal address and prefix length; never resolves host names. */
    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        if (!address.matches("[0-9a-fA-F.:]+")) {
            throw new IllegalArgumentException("'" + text + "' is not a network such as 10.0.0.0/8");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not a network such as 10.0.0.0/8");
        }
        int prefix;
        try {
            prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("'" + text + "': the prefix length must be between 0 and " + bytes.length * 8);
        }
        return new Cidr(bytes, prefix);
    }

    public static List<Cidr> parseAll(List<String> texts) {
        return texts.stream().map(Cidr::parse).toList();
    }

    /** Whether {@code ip} (a literal address, as a request's remote address is) lies in this network. */
    public boolean contains(String ip) {
        byte[] candidate;
        try {
            String literal = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
            if (!literal.matches("[0-9a-fA-F.:%a-zA-Z]+")) {
                return false;
            }
            candidate = InetAddress.getByName(literal.split("%", 2)[0]).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        if (candidate.length == 16 && network.length == 4 && isV4Mapped(candidate)) {
            candidate = java.util.Arrays.copyOfRange(candidate, 12, 16);
        }
        if (candidate.length != network.length) {
            return false;
        }
        int bits = prefix;
        for (int i = 0; i < network.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
            if ((candidate[i] & mask) != (network[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code ip} lies in any of {@code networks}. */
    public static boolean anyContains(List<Cidr> networks, String ip) {
        return networks.stream().anyMatch(n -> n.contains(ip));
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return (a[10] & 0xFF) == 0xFF && (a[11] & 0xFF) == 0xFF;
    }
}
