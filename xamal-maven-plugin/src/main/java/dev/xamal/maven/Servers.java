package dev.xamal.maven;

import dev.xamal.caddy.CaddyProxy;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.Role;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.orchestration.AuditEntry;
import dev.xamal.core.orchestration.AuditLog;
import dev.xamal.core.orchestration.Booted;
import dev.xamal.core.orchestration.Deploy;
import dev.xamal.core.orchestration.DeployLock;
import dev.xamal.core.orchestration.GoalHooks;
import dev.xamal.core.orchestration.HostSelection;
import dev.xamal.core.orchestration.InstanceStart;
import dev.xamal.core.orchestration.ReleaseReport;
import dev.xamal.core.orchestration.ReleaseSwitch;
import dev.xamal.core.orchestration.ServerBootstrap;
import dev.xamal.core.output.Output;
import dev.xamal.core.output.UploadProgressLines;
import dev.xamal.core.release.ReleaseLayers;
import dev.xamal.core.secrets.Secrets;
import dev.xamal.core.spi.Proxy;
import dev.xamal.core.spi.Transport;
import dev.xamal.ssh.SshTransport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One goal run's connection to the servers: the configuration, its secrets, the SSH transport,
 * Caddy as the proxy, and the hosts and roles {@code -Dxamal.hosts} / {@code -Dxamal.roles}
 * select, and the goal's hooks. Closing it closes every pooled session.
 */
final class Servers implements AutoCloseable {
    private final XamalConfig config;
    private final Secrets secrets;
    private final SshTransport transport;
    private final CaddyProxy proxy = new CaddyProxy();
    private final Optional<String> hostFilter;
    private final Optional<String> roleFilter;
    private final Output output;
    private final GoalHooks hooks;
    private final String performer;

    Servers(XamalConfig config, Secrets secrets, SshTransport transport, String hostFilter, String roleFilter,
            Output output, GoalHooks hooks, String performer) {
        this.config = config;
        this.secrets = secrets;
        this.transport = transport;
        this.hostFilter = Optional.ofNullable(hostFilter).filter(f -> !f.isBlank());
        this.roleFilter = Optional.ofNullable(roleFilter).filter(f -> !f.isBlank());
        this.output = output;
        this.hooks = hooks;
        this.performer = performer;
    }

    XamalConfig config() {
        return config;
    }

    Secrets secrets() {
        return secrets;
    }

    Transport transport() {
        return transport;
    }

    Proxy proxy() {
        return proxy;
    }

    Output output() {
        return output;
    }

    /** The run's hooks, their {@code XAMAL_*} variables filled in from the goal run. */
    GoalHooks hooks() {
        return hooks;
    }

    /**
     * Appends one line to the audit log of each selected host: {@code action} says what happened
     * there, such as {@code Stopped app} (no role or version in the line).
     */
    void audit(String action) {
        audit(hosts(), Optional.empty(), Optional.empty(), action);
    }

    /** Appends one line naming a role and version (either may be empty) on each of the hosts. */
    void audit(List<Host> onHosts, Optional<String> role, Optional<String> version, String action) {
        auditLog().record(onHosts, new AuditEntry(Instant.now(), performer, config.appId(), role, version, action));
    }

    private AuditLog auditLog() {
        return new AuditLog(transport, config.appId(), output, config.ssh().maxConcurrentStarts());
    }

    /** The selected hosts, in configuration order. */
    List<Host> hosts() {
        return HostSelection.select(config, hostFilter, roleFilter);
    }

    /** The selected roles. */
    List<Role> roles() {
        return HostSelection.roles(config, roleFilter);
    }

    /** Deploys that print each host's upload progress (bytes, rate) every few seconds and when it ends. */
    private Deploy deploy() {
        return new Deploy(transport, proxy, output, new UploadProgressLines(output), hooks);
    }

    /** {@code server-bootstrap} on the selected hosts. */
    void bootstrap() {
        new ServerBootstrap(transport, proxy, output).run(config, hosts());
    }

    /** The deploy lock of the app (on the primary host). */
    DeployLock lock() {
        return new DeployLock(transport, config, output);
    }

    /** Prints the last lines of the audit log of each selected host. */
    void showAudit(int lines) {
        auditLog().show(hosts(), lines);
    }

    /** Uploads and assembles the release on the selected hosts, without booting it. */
    void deliver(ReleaseLayers release) {
        deploy().deliver(config, release, hosts());
    }

    /**
     * Delivers and boots the release on the selected hosts and roles ({@code pre-deploy} and the
     * caddy-reload hooks run on the way); each booted role gets an audit line on its host.
     */
    void deploy(ReleaseLayers release, Deploy.Checks checks) {
        auditBooted(deploy().deploy(config, release, hosts(), roles(), secrets, checks), "Booted");
    }

    /** One audit line per booted role on its host (what happened, the role, version and port); the hosts in parallel. */
    private void auditBooted(List<Booted> booted, String what) {
        Instant now = Instant.now();
        Map<Host, List<AuditEntry>> entries = new LinkedHashMap<>();
        for (Booted b : booted) {
            entries.computeIfAbsent(b.host(), host -> new ArrayList<>()).add(new AuditEntry(now, performer,
                    config.appId(), Optional.of(b.role()), Optional.of(b.version()), what + " " + b.role()
                    + " version " + b.version() + (b.port().isPresent() ? " on port " + b.port().getAsInt() : "")));
        }
        auditLog().record(entries);
    }

    /** {@code rollback} on the selected hosts and roles: to {@code version}, or to the previous release. */
    void rollback(Optional<String> version) {
        auditBooted(new ReleaseSwitch(transport, proxy, output, hooks).rollback(config, version, hosts(), roles(), secrets),
                "Rolled back");
    }

    /** {@code app-boot} on the selected hosts and roles: {@code version}, or each host's current release. */
    void boot(Optional<String> version) {
        auditBooted(new ReleaseSwitch(transport, proxy, output, hooks).boot(config, version, hosts(), roles(), secrets),
                "Booted");
    }

    /** {@code app-start} on the selected hosts and roles. */
    void start() {
        new InstanceStart(transport, output).start(config, hosts(), roles());
    }

    /** {@code app-version} on the selected hosts. */
    void appVersion() {
        new ReleaseReport(transport, output).appVersion(config, hosts());
    }

    /** {@code versions} on the selected hosts. */
    void versions() {
        new ReleaseReport(transport, output).versions(config, hosts());
    }

    @Override
    public void close() {
        transport.close();
    }
}
