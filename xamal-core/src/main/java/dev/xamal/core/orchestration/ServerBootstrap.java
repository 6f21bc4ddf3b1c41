package dev.xamal.core.orchestration;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.UsageException;
import dev.xamal.core.commands.AppLayout;
import dev.xamal.core.commands.AppPrivileges;
import dev.xamal.core.commands.FileCommands;
import dev.xamal.core.commands.Privileged;
import dev.xamal.core.commands.Shell;
import dev.xamal.core.commands.SudoersLines;
import dev.xamal.core.commands.SystemdUnit;
import dev.xamal.core.commands.UnitCommands;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.Role;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.output.Output;
import dev.xamal.core.spi.Proxy;
import dev.xamal.core.spi.ProxyPreparation;
import dev.xamal.core.spi.ProxySite;
import dev.xamal.core.spi.RemoteCommand;
import dev.xamal.core.spi.RemoteHost;
import dev.xamal.core.spi.Transport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prepares hosts for an app (design §6), idempotently: checks systemd and the SSH user's sudo
 * rights (failing with the exact sudoers lines needed) and, on hosts with a proxied role, that
 * bash or curl is there for the health checks; installs and prepares the proxy on hosts
 * with a proxied role, refuses a port pair another app on the host claims, creates
 * {@code /opt/xamal/<app>} with {@code layers/ releases/ slots/ env/}, installs the units whose
 * content differs and reloads systemd when any did. Hosts run in parallel; every line of output
 * carries its host.
 */
public final class ServerBootstrap {
    static final List<String> SUBDIRECTORIES = List.of("layers", "releases", "slots", "env");
    static final String ENV_MODE = "700";

    private final Transport transport;
    private final Proxy proxy;
    private final Output output;

    public ServerBootstrap(Transport transport, Proxy proxy, Output output) {
        this.transport = transport;
        this.proxy = proxy;
        this.output = output;
    }

    /**
     * Bootstraps {@code hosts} (all of {@code config}'s hosts or a selection) in parallel, at
     * most {@code ssh.max_concurrent_starts} at a time. Every host runs even when another fails.
     *
     * @return one report per host, in the order given
     * @throws EnvironmentException naming each failed host (a lone failure is thrown as it is)
     */
    public List<BootstrapReport> run(XamalConfig config, List<Host> hosts) {
        output.info("Bootstrapping " + config.appId() + " on " + hosts.size() + (hosts.size() == 1 ? " host" : " hosts"));
        FanOutResult<Host, BootstrapReport> result = new FanOut(config.ssh().maxConcurrentStarts(), FanOut.Mode.REPORT_ALL)
                .run(hosts, host -> bootstrap(config, host));
        List<BootstrapReport> reports = result.values();
        long changedHosts = reports.stream().filter(BootstrapReport::changedAnything).count();
        output.info("Bootstrapped " + hosts.size() + (hosts.size() == 1 ? " host" : " hosts") + " ("
                + (changedHosts == 0 ? "no change" : changedHosts + " changed") + ")");
        return reports;
    }

    /** The privileged commands of the app on a host for a given SSH user: what its sudoers lines allow. */
    public AppPrivileges privileges(XamalConfig config, Host host, String sshUser, String sshGroup) {
        List<Role> roles = config.rolesOf(host);
        return new AppPrivileges(new AppLayout(config.appId()), sshUser, sshGroup,
                releaseUser(config, sshUser), config.release().name(),
                roles.stream().filter(Role::proxy).map(Role::name).toList(),
                roles.stream().filter(r -> !r.proxy()).map(Role::name).toList(),
                List.of(config.caddy().bluePort(), config.caddy().greenPort()));
    }

    /** Every sudoers line the SSH user needs on the host: the app's commands plus the proxy's where a role is proxied. */
    public List<String> sudoersLines(XamalConfig config, Host host, String sshUser, String sshGroup) {
        return SudoersLines.lines(sshUser, privilegedCommands(config, host, sshUser, sshGroup));
    }

    private List<Privileged> privilegedCommands(XamalConfig config, Host host, String sshUser, String sshGroup) {
        List<Privileged> commands = new ArrayList<>(privileges(config, host, sshUser, sshGroup).all());
        if (proxied(config, host)) {
            commands.addAll(proxy.privilegedCommands());
        }
        return commands;
    }

    private BootstrapReport bootstrap(XamalConfig config, Host host) {
        RemoteHost remote = transport.open(host);
        Report report = new Report(host);
        HostIdentity identity = HostIdentity.probe(remote);
        if (!identity.systemd()) {
            throw new EnvironmentException(host.id() + " does not run systemd (/run/systemd/system is missing); xamal"
                    + " runs apps as systemd units, so the host needs systemd as its init");
        }
        report.unchanged("systemd is the init");
        AppPrivileges privileges = privileges(config, host, identity.user(), identity.group());
        if (identity.root()) {
            report.unchanged("logged in as root: no sudo needed");
        } else {
            checkSudo(config, host, remote, identity);
            report.unchanged("sudo allows every command xamal runs as root");
        }
        AppLayout layout = privileges.layout();
        if (proxied(config, host)) {
            identity.requireHttpClient(host.id());
            report.unchanged("bash or curl for the health checks and Caddy's admin requests");
            ProxyPreparation prepared = proxy.prepare(remote);
            if (prepared.changes().isEmpty()) {
                report.unchanged("proxy installed, running and importing every app's site");
            } else {
                prepared.changes().forEach(report::changed);
            }
            prepared.warnings().forEach(report::warning);
            checkPorts(config, remote, layout);
            proxy.checkSite(remote, ProxySite.proxying(config.appId(), config.caddy(),
                    List.of(config.caddy().bluePort())));
        }
        appDirectory(remote, identity, privileges, report);
        if (proxied(config, host)) {
            String ports = config.caddy().bluePort() + " " + config.caddy().greenPort() + "\n";
            writeIfDifferent(remote, layout.portsFile(), ports, 0644, report,
                    "ports " + ports.strip() + " recorded in " + layout.portsFile());
        }
        boolean unitsChanged = false;
        for (Role role : config.rolesOf(host)) {
            unitsChanged |= installUnit(config, remote, identity, layout, role, report);
        }
        if (unitsChanged) {
            remote.run(UnitCommands.daemonReload().line(identity.root()));
            report.changed("ran systemctl daemon-reload");
        }
        BootstrapReport done = report.done();
        done.changed().forEach(line -> output.sourceLine(host.id(), "changed: " + line));
        done.unchanged().forEach(line -> output.sourceLine(host.id(), "ok: " + line));
        done.warnings().forEach(line -> output.warn("[" + host.id() + "] " + line));
        return done;
    }

    /**
     * Fails, naming the host and the sudoers lines it needs, when the SSH user is not root and
     * {@code sudo -n} refuses a command xamal runs as root there (sudo wants a password, or its
     * rules lack the command). A deploy checks this before it changes anything on the host.
     */
    void checkSudo(XamalConfig config, RemoteHost remote) {
        HostIdentity identity = HostIdentity.probe(remote);
        if (!identity.root()) {
            checkSudo(config, remote.host(), remote, identity);
        }
    }

    private void checkSudo(XamalConfig config, Host host, RemoteHost remote, HostIdentity identity) {
        List<Privileged> commands = privilegedCommands(config, host, identity.user(), identity.group());
        String check = commands.stream()
                .map(c -> c.sudoCheckLine() + " >/dev/null 2>&1 || echo " + Shell.quote(c.sudoersLine(identity.user())))
                .collect(Collectors.joining("; ")) + "; true";
        List<String> missing = remote.run(check).stdout().lines().filter(l -> !l.isBlank()).toList();
        if (missing.isEmpty()) {
            return;
        }
        AppLayout layout = new AppLayout(config.appId());
        List<String> lines = SudoersLines.lines(identity.user(), commands);
        throw new EnvironmentException(identity.user() + " may not run " + missing.size() + " of the " + lines.size()
                + " commands xamal runs as root on " + host.id() + " (sudo -n refused them: sudo wants a password"
                + " or has no rule for them). Either log in as root"
                + " (ssh.user) or, as root on the host, put exactly these lines in " + SudoersLines.fileFor(layout)
                + " (check it with visudo -cf " + SudoersLines.fileFor(layout) + "):\n" + String.join("\n", lines)
                + "\nRefused now: " + String.join("; ", missing));
    }

    private void checkPorts(XamalConfig config, RemoteHost remote, AppLayout layout) {
        String line = "for f in " + AppLayout.BASE + "/*/ports; do if [ -f \"$f\" ]; then echo \"$f $(head -n 1 \"$f\")\"; fi; done";
        int blue = config.caddy().bluePort();
        int green = config.caddy().greenPort();
        for (String claim : remote.run(line).stdout().lines().toList()) {
            String[] words = claim.strip().split("\\s+");
            if (words.length < 2 || words[0].equals(layout.portsFile())) {
                continue;
            }
            String otherApp = words[0].substring(AppLayout.BASE.length() + 1, words[0].length() - "/ports".length());
            for (int i = 1; i < words.length; i++) {
                if (words[i].equals(String.valueOf(blue)) || words[i].equals(String.valueOf(green))) {
                    throw new UsageException("caddy.app_port " + blue + " needs ports " + blue + " and " + green + " on "
                            + remote.host().id() + ", but the app " + otherApp + " there already uses "
                            + String.join(" and ", java.util.Arrays.asList(words).subList(1, words.length))
                            + " (" + words[0] + "); set caddy.app_port in " + fileOf(config)
                            + " to a free pair, e.g. " + (maxPort(words) + 1));
                }
            }
        }
    }

    private static int maxPort(String[] words) {
        int max = 0;
        for (int i = 1; i < words.length; i++) {
            try {
                max = Math.max(max, Integer.parseInt(words[i]));
            } catch (NumberFormatException ignored) {
                // not a port: skip
            }
        }
        return max;
    }

    private static String fileOf(XamalConfig config) {
        return config.files().isEmpty() ? "config/xamal.yml" : config.files().get(config.files().size() - 1).toString();
    }

    private static void appDirectory(RemoteHost remote, HostIdentity identity, AppPrivileges privileges, Report report) {
        AppLayout layout = privileges.layout();
        String root = Shell.quoteIfNeeded(layout.root());
        String state = remote.run("if [ -d " + root + " ]; then stat -c '%U' " + root + "; fi").stdout().strip();
        if (!state.equals(identity.user())) {
            remote.run(privileges.createRoot().line(identity.root()));
            report.changed((state.isEmpty() ? "created " : "gave " + identity.user() + " ownership of ") + layout.root());
        }
        List<String> paths = SUBDIRECTORIES.stream().map(d -> layout.root() + "/" + d).toList();
        String env = Shell.quoteIfNeeded(layout.envDir());
        String probe = paths.stream().map(Shell::quoteIfNeeded).map(p -> "[ -d " + p + " ]")
                .collect(Collectors.joining(" && ")) + " && [ \"$(stat -c '%a' " + env + ")\" = " + ENV_MODE + " ]";
        if (remote.exec(RemoteCommand.of(probe)).succeeded()) {
            report.unchanged(layout.root() + " has layers/ releases/ slots/ env/ (env/ mode 0700)");
            return;
        }
        remote.run("mkdir -p " + paths.stream().map(Shell::quoteIfNeeded).collect(Collectors.joining(" "))
                + " && chmod " + ENV_MODE + " " + env);
        report.changed("created layers/ releases/ slots/ env/ (mode 0700) in " + layout.root());
    }

    private static boolean installUnit(XamalConfig config, RemoteHost remote, HostIdentity identity, AppLayout layout,
                                       Role role, Report report) {
        SystemdUnit.Spec spec = new SystemdUnit.Spec(layout, role.name(), config.release().name(),
                releaseUser(config, identity.user()), role.cmd(), config.drainTimeout());
        String unitName = role.proxy() ? layout.templateUnitName(role.name()) : layout.plainUnitName(role.name());
        String content = role.proxy() ? SystemdUnit.template(spec) : SystemdUnit.plain(spec);
        String installed = remote.run(UnitCommands.catUnitFile(unitName)).stdout();
        if (installed.equals(content)) {
            report.unchanged(AppLayout.unitPath(unitName) + " up to date");
            return false;
        }
        remote.run(RemoteCommand.of(UnitCommands.installUnit(unitName).line(identity.root()) + " >/dev/null")
                .withStdin(content.getBytes(StandardCharsets.UTF_8)));
        report.changed((installed.isEmpty() ? "installed " : "updated ") + AppLayout.unitPath(unitName));
        return true;
    }

    private static void writeIfDifferent(RemoteHost remote, String path, String content, int mode, Report report,
                                         String what) {
        String existing = remote.run(FileCommands.readIfPresent(path)).stdout();
        if (existing.equals(content)) {
            report.unchanged(what);
            return;
        }
        remote.write(content.getBytes(StandardCharsets.UTF_8), path, mode);
        report.changed(what);
    }

    /** {@code release.user}, which defaults to the SSH user; a user given in the host string wins over {@code ssh.user}. */
    private static String releaseUser(XamalConfig config, String sshUser) {
        return config.release().user().equals(config.ssh().user()) ? sshUser : config.release().user();
    }

    private static boolean proxied(XamalConfig config, Host host) {
        return config.rolesOf(host).stream().anyMatch(Role::proxy);
    }

    /** Collects one host's lines. */
    private static final class Report {
        private final Host host;
        private final List<String> changed = new ArrayList<>();
        private final List<String> unchanged = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();

        Report(Host host) {
            this.host = host;
        }

        void changed(String line) {
            changed.add(line);
        }

        void unchanged(String line) {
            unchanged.add(line);
        }

        void warning(String line) {
            warnings.add(line);
        }

        BootstrapReport done() {
            return new BootstrapReport(host, changed, unchanged, warnings);
        }
    }
}
