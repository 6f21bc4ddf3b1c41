package dev.xamal.core.orchestration;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.spi.RemoteHost;
import java.util.List;

/**
 * Who xamal is on a host and whether the host runs systemd, asked in one command.
 *
 * @param user    the SSH user's name
 * @param group   its primary group
 * @param root    whether it is root (then nothing runs through sudo)
 * @param systemd whether systemd is the host's init ({@code /run/systemd/system} exists)
 */
public record HostIdentity(String user, String group, boolean root, boolean systemd) {
    static final String PROBE = "id -un; id -gn; id -u; if [ -d /run/systemd/system ]; then echo systemd; else echo none; fi";

    public static HostIdentity probe(RemoteHost host) {
        String out = host.run(PROBE).stdout();
        List<String> lines = out.lines().map(String::strip).toList();
        if (lines.size() < 4) {
            throw new EnvironmentException("Cannot tell who xamal is on " + host.host().id() + ": `" + PROBE
                    + "` printed: " + out.strip());
        }
        return new HostIdentity(lines.get(0), lines.get(1), lines.get(2).equals("0"), lines.get(3).equals("systemd"));
    }
}
