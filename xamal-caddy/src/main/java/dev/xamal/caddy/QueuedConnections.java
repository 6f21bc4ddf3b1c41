package dev.xamal.caddy;

import dev.xamal.core.commands.Privileged;
import java.util.Optional;

/**
 * The kernel setting that keeps a Caddy reload from resetting connections. On Linux, Caddy loads
 * a configuration by opening a new listening socket beside the old one ({@code SO_REUSEPORT}) and
 * then closing the old one. The kernel spreads arriving connections over both sockets, and a
 * connection still queued on the old socket when it closes is reset, unless
 * {@value #SETTING} (Linux 5.14 and later) hands it to the new socket. Every deploy reloads Caddy
 * twice per host, so on a busy host this drops a request of any app now and then. Bootstrap turns
 * the setting on for the running kernel and, through {@value #SYSCTL_FILE}, for every boot. Pure.
 */
final class QueuedConnections {
    static final String SETTING = "net.ipv4.tcp_migrate_req";
    static final String PROC_FILE = "/proc/sys/net/ipv4/tcp_migrate_req";
    static final String SYSCTL_FILE = "/etc/sysctl.d/60-xamal-caddy.conf";
    static final String FILE_CONTENT = """
            # Written by xamal's bootstrap. A Caddy reload opens a new listening socket and closes the
            # old one; with this on, connections queued on the old socket move to the new one instead
            # of being reset (Linux 5.14 and later).
            %s = 1
            """.formatted(SETTING);

    private static final String SEPARATOR = "--xamal-sysctl-file--";

    private QueuedConnections() {
    }

    /** The kernel's release and the setting's running value (an empty line without it), then the sysctl file. */
    static String read() {
        return "uname -r; cat " + PROC_FILE + " 2>/dev/null || echo; echo " + SEPARATOR + "; cat " + SYSCTL_FILE
                + " 2>/dev/null; true";
    }

    /** What {@link #read()} printed. */
    static State parse(String out) {
        int separator = out.indexOf(SEPARATOR + "\n");
        String head = separator < 0 ? out : out.substring(0, separator);
        String file = separator < 0 ? "" : out.substring(separator + SEPARATOR.length() + 1);
        String[] lines = head.split("\n", -1);
        String kernel = lines.length > 0 ? lines[0].strip() : "";
        String value = lines.length > 1 ? lines[1].strip() : "";
        return new State(kernel, value.isEmpty() ? Optional.empty() : Optional.of(value), file);
    }

    /** Writes {@value #SYSCTL_FILE} from standard input (append {@code >/dev/null}). */
    static Privileged writeFile() {
        return Privileged.root("/usr/bin/tee", SYSCTL_FILE);
    }

    /** Sets the running value from standard input ({@code 1}; append {@code >/dev/null}). */
    static Privileged turnOn() {
        return Privileged.root("/usr/bin/tee", PROC_FILE);
    }

    /**
     * The setting on a host.
     *
     * @param kernel  the kernel's release ({@code uname -r})
     * @param running the running value; empty when the kernel has no such setting
     * @param file    the content of {@value #SYSCTL_FILE} (empty when it is missing)
     */
    record State(String kernel, Optional<String> running, String file) {
        boolean on() {
            return running.filter("1"::equals).isPresent();
        }

        boolean fileCurrent() {
            return file.equals(FILE_CONTENT);
        }
    }
}
