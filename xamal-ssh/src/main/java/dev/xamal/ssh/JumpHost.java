package dev.xamal.ssh;

/**
 * A ProxyJump spelled {@code [user@]host[:port]} or {@code [user@][v6]:port}; only the host and
 * port are needed here (to find a refused jump host key), MINA parses the rest itself.
 */
record JumpHost(String hostname, int port) {

    static JumpHost parse(String proxy) {
        int defaultPort = 22;
        String hostPort = proxy.contains("@") ? proxy.substring(proxy.lastIndexOf('@') + 1) : proxy;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("ssh.proxy '" + proxy + "' has an unclosed '['");
            }
            String host = hostPort.substring(1, close);
            String rest = hostPort.substring(close + 1);
            return new JumpHost(host, rest.startsWith(":") ? parsePort(proxy, rest.substring(1)) : defaultPort);
        }
        int colon = hostPort.lastIndexOf(':');
        if (colon > 0 && hostPort.indexOf(':') == colon) {
            return new JumpHost(hostPort.substring(0, colon), parsePort(proxy, hostPort.substring(colon + 1)));
        }
        return new JumpHost(hostPort, defaultPort);
    }

    private static int parsePort(String proxy, String port) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ssh.proxy '" + proxy + "' has an invalid port '" + port + "'", e);
        }
    }
}
