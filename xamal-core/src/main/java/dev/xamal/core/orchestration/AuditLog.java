package dev.xamal.core.orchestration;

import dev.xamal.core.commands.AuditCommands;
import dev.xamal.core.config.Host;
import dev.xamal.core.output.Output;
import dev.xamal.core.spi.Transport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An app's audit log: {@code ~/.xamal/<app>-audit.log} on each host, one {@link AuditEntry} per
 * action on that host. Writing it never fails the action it records: a host that cannot be
 * written to gets a warning.
 */
public final class AuditLog {
    private final Transport transport;
    private final AuditCommands commands;
    private final Output output;
    private final int concurrency;

    /** @param concurrency how many hosts are written to at once */
    public AuditLog(Transport transport, String appId, Output output, int concurrency) {
        this.transport = transport;
        this.commands = new AuditCommands(appId);
        this.output = output;
        this.concurrency = concurrency;
    }

    /** Appends the entry on each of the hosts. */
    public void record(List<Host> hosts, AuditEntry entry) {
        Map<Host, List<AuditEntry>> entries = new LinkedHashMap<>();
        hosts.forEach(host -> entries.put(host, List.of(entry)));
        record(entries);
    }

    /** Appends each host's entries, in order, with one command per host; the hosts in parallel. */
    public void record(Map<Host, List<AuditEntry>> entries) {
        new FanOut(concurrency, FanOut.Mode.REPORT_ALL).run(List.copyOf(entries.keySet()), host -> {
            try {
                transport.open(host).run(commands.append(entries.get(host).stream().map(AuditEntry::line).toList()));
            } catch (RuntimeException e) {
                warnNotWritten(output, host.id(), e.getMessage());
            }
            return host;
        });
    }

    /** Says that a host's audit line could not be written, and why; the action it records went on. */
    static void warnNotWritten(Output output, String hostId, String why) {
        output.warn("Could not write the audit log on " + hostId + ": " + why);
    }

    /** Prints the last {@code lines} lines of each host's log under a header naming the host. */
    public void show(List<Host> hosts, int lines) {
        for (Host host : hosts) {
            String text = transport.open(host).run(commands.tail(lines)).stdout();
            output.info("Audit log on " + host.id() + ":");
            if (text.isBlank()) {
                output.info("  (empty)");
            }
            text.lines().forEach(line -> output.info("  " + line));
        }
    }
}
