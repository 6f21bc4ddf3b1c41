package dev.xamal.ssh;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The canonical text of an IPv6 address (RFC 5952: lower case, no leading zeros, the longest run
 * of two or more zero groups as {@code ::}), which is how users and OpenSSH write it in
 * known_hosts. The JDK only prints the long form ({@code 0:0:0:0:0:0:0:1}).
 */
final class Ipv6Text {
    private Ipv6Text() {
    }

    /** The canonical form of an IPv6 literal; anything else is returned unchanged. */
    static String canonical(String host) {
        int percent = host.indexOf('%');
        String literal = percent < 0 ? host : host.substring(0, percent);
        if (literal.indexOf(':') < 0) {
            return host;
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(literal);
        } catch (UnknownHostException | SecurityException e) {
            return host;
        }
        if (!(address instanceof Inet6Address)) {
            return host;
        }
        return compress(address.getAddress()) + (percent < 0 ? "" : host.substring(percent));
    }

    private static String compress(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
