package dev.xamal.core.orchestration;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.spi.RemoteHost;
import java.util.List;

/**
 * Who xamal is on a host, whether the host runs systemd and whether it can make xamal's HTTP
 * requests (bash or curl), asked in one command.
 *
 * @param user       the SSH user's name
 * @param group      its primary group
 * @param root       whether it is root (then nothing runs through sudo)
 * @param systemd    whether systemd is the host's init ({@code /run/systemd/system} exists)
 * @param httpClient whether the SSH user's {@code PATH} has bash or curl, which make the health
 *                   probes and the requests to Caddy's admin endpoint
 */
public record HostIdentity(String user, String group, boolean root, boolean systemd, boolean httpClient) {
    static final String PROBE = "id -un; id -gn; id -u; if [ -d /run/systemd/system ]; then echo systemd; else echo none; fi"
            + "; if command -v bash >/dev/null 2>&1 || command -v curl >/dev/null 2>&1; then echo http; else echo none; fi";

    public static HostIdentity probe(RemoteHost host) {
        return parse(host.host().id(), host.run(PROBE).stdout());
    }

    /** What {@link #PROBE} printed on the host {@code hostId}. */
    static HostIdentity parse(String hostId, String out) {
        List<String> lines = out.lines().map(String::strip).toList();
        if (lines.size() < 5) {
            throw new EnvironmentException("Cannot tell who xamal is on " + hostId + ": `" + PROBE + "` printed: "
                    + out.strip());
        }
        return new HostIdentity(lines.get(0), lines.get(1), lines.get(2).equals("0"), lines.get(3).equals("systemd"),
                lines.get(4).equals("http"));
    }

    /** Fails, saying what to install, when the host has neither bash nor curl. */
    void requireHttpClient(String hostId) {
        if (!httpClient) {
            throw new EnvironmentException(hostId + " has neither bash nor curl on the PATH of " + user + ": the health"
                    + " checks and the requests to Caddy's admin endpoint need one of them; install curl (on Debian and"
                    + " Ubuntu: apt-get install curl) and run setup again");
        }
    }
}
