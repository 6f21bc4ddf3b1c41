package dev.xamal.core.orchestration;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.UsageException;
import dev.xamal.core.commands.AppLayout;
import dev.xamal.core.commands.FileCommands;
import dev.xamal.core.commands.OneOffCommands;
import dev.xamal.core.commands.ReleaseSlot;
import dev.xamal.core.commands.Shell;
import dev.xamal.core.commands.SlotCommands;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.Role;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.spi.RemoteHost;
import dev.xamal.core.spi.Terminal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An app as deployed on one host, for the goals that operate it: its layout, which of its roles
 * the host runs, the slot that serves, the slot a version ran in, and how one-off commands run
 * in a slot.
 */
final class AppContext {
    private final XamalConfig config;
    private final RemoteHost remote;
    private final AppLayout layout;
    private final boolean sshUserIsRoot;

    AppContext(XamalConfig config, RemoteHost remote) {
        this.config = config;
        this.remote = remote;
        this.layout = new AppLayout(config.appId());
        this.sshUserIsRoot = "root".equals(sshUser());
    }

    RemoteHost remote() {
        return remote;
    }

    String hostId() {
        return remote.host().id();
    }

    boolean sshUserIsRoot() {
        return sshUserIsRoot;
    }

    /** One-off commands as the release user, which defaults to the host's SSH user. */
    OneOffCommands oneOff() {
        String releaseUser = config.release().user().equals(config.ssh().user()) ? sshUser() : config.release().user();
        return new OneOffCommands(releaseUser, config.release().name(), sshUserIsRoot);
    }

    /**
     * The role whose slot goal commands use on this host: among the selected roles the host is
     * in, the proxied one, else the first.
     */
    Role role(List<Role> selected) {
        Host host = remote.host();
        List<Role> onHost = config.rolesOf(host).stream().filter(selected::contains).toList();
        if (onHost.isEmpty()) {
            throw new UsageException(host.id() + " runs none of the selected roles ("
                    + String.join(", ", selected.stream().map(Role::name).toList()) + ")");
        }
        return onHost.stream().filter(Role::proxy).findFirst().orElse(onHost.get(0));
    }

    /** The slot that serves a role on this host: the active port's, or the role's own. */
    ReleaseSlot activeSlot(Role role) {
        if (!role.proxy()) {
            ReleaseSlot slot = ReleaseSlot.plain(layout, role.name());
            requireDeployed(remote.run("if [ -h " + Shell.quote(slot.dir()) + " ]; then echo yes; fi").stdout().isBlank());
            return slot;
        }
        String text = remote.run(FileCommands.readIfPresent(layout.activePort())).stdout().strip();
        requireDeployed(text.isEmpty());
        try {
            return ReleaseSlot.proxied(layout, role.name(), Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw new EnvironmentException("host " + hostId() + ": " + layout.activePort() + " holds '" + text
                    + "', not a port");
        }
    }

    /**
     * Where and when a version of one of the roles ran on this host: a slot that still links to
     * it (since the link was made), else its last entry in the history (from the entry before it
     * to the entry after it: the boot that switched to it came after the one, and the switch away
     * from it ended it before the other was written).
     *
     * @throws UsageException when the version never ran here
     */
    VersionRun versionRun(List<Role> roles, String version) {
        String release = "releases/" + version;
        for (String line : remote.run(SlotCommands.listSlots(layout)).stdout().lines().toList()) {
            String[] fields = line.split("\t");
            if (fields.length == 3 && fields[1].endsWith("/" + release)) {
                Optional<ReleaseSlot> slot = slotNamed(roles, fields[0]);
                if (slot.isPresent()) {
                    return new VersionRun(slot.get(), Optional.of(Instant.ofEpochSecond(Long.parseLong(fields[2]))),
                            Optional.empty());
                }
            }
        }
        List<HistoryEntry> history = HistoryEntry.parseAll(remote.run(SlotCommands.readHistory(layout)).stdout());
        List<String> roleNames = roles.stream().map(Role::name).toList();
        for (int i = history.size() - 1; i >= 0; i--) {
            HistoryEntry entry = history.get(i);
            if (entry.version().equals(version) && roleNames.contains(entry.role())) {
                ReleaseSlot slot = entry.port().isPresent()
                        ? ReleaseSlot.proxied(layout, entry.role(), entry.port().getAsInt())
                        : ReleaseSlot.plain(layout, entry.role());
                Optional<Instant> since = i > 0 ? Optional.of(history.get(i - 1).time()) : Optional.empty();
                Optional<Instant> until = i + 1 < history.size() ? Optional.of(history.get(i + 1).time())
                        : Optional.empty();
                return new VersionRun(slot, since, until);
            }
        }
        throw new UsageException("Version " + version + " of " + config.appId() + " never ran on " + hostId()
                + " (no slot links to it and the history does not name it); `mvn xamal:versions` lists what did");
    }

    /**
     * Runs a line over a pseudo-terminal wired to the local terminal.
     *
     * @param what names the command in the error
     * @throws EnvironmentException when it exits with a non-zero status
     */
    void interactive(String line, Terminal terminal, String what) {
        int status = remote.interactive(line, terminal);
        if (status != 0) {
            throw new EnvironmentException(what + " ended on " + hostId() + " with "
                    + (status < 0 ? "no exit status (killed or disconnected)" : "exit status " + status));
        }
    }

    private Optional<ReleaseSlot> slotNamed(List<Role> roles, String name) {
        List<ReleaseSlot> candidates = new ArrayList<>();
        for (Role role : roles) {
            if (role.proxy() && name.matches("\\d+")) {
                candidates.add(ReleaseSlot.proxied(layout, role.name(), Integer.parseInt(name)));
            } else if (!role.proxy() && name.equals(role.name())) {
                candidates.add(ReleaseSlot.plain(layout, role.name()));
            }
        }
        return candidates.stream().findFirst();
    }

    private void requireDeployed(boolean nothing) {
        if (nothing) {
            throw new UsageException("Nothing of " + config.appId() + " is deployed on " + hostId()
                    + " yet: deploy it first (mvn xamal:deploy)");
        }
    }

    private String sshUser() {
        return remote.host().sshUser(config.ssh().user());
    }

    /**
     * A version's run on a host.
     *
     * @param slot  the slot it ran in
     * @param since when it started, at the earliest
     * @param until when it ended, at the latest (empty: it may still run)
     */
    record VersionRun(ReleaseSlot slot, Optional<Instant> since, Optional<Instant> until) {
    }
}
