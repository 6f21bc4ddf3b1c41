package dev.xamal.maven;

import dev.xamal.caddy.CaddyProxy;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.Role;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.orchestration.AuditEntry;
import dev.xamal.core.orchestration.AuditLog;
import dev.xamal.core.orchestration.BootAudit;
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
import java.util.List;
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

    /**
     * Deploys that print each host's upload progress (bytes, rate) every few seconds and when it
     * ends; each switch writes its audit line on its host.
     */
    private Deploy deploy() {
        return new Deploy(transport, proxy, output, new UploadProgressLines(output), hooks, Optional.of(bootAudit()));
    }

    /** The audit line of each switch a boot makes, written on its host with the switch's record. */
    private BootAudit bootAudit() {
        return new BootAudit(performer, config.appId());
    }

    /** Rollbacks and app-boots whose switches write their audit lines as a deploy's do. */
    private ReleaseSwitch releaseSwitch() {
        return new ReleaseSwitch(transport, proxy, output, hooks, Optional.of(bootAudit()));
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
     * caddy-reload hooks run on the way); each role that switched gets an audit line on its host.
     */
    void deploy(ReleaseLayers release, Deploy.Checks checks) {
        deploy().deploy(config, release, hosts(), roles(), secrets, checks);
    }

    /** {@code rollback} on the selected hosts and roles: to {@code version}, or to the previous release. */
    void rollback(Optional<String> version) {
        releaseSwitch().rollback(config, version, hosts(), roles(), secrets);
    }

    /** {@code app-boot} on the selected hosts and roles: {@code version}, or each host's current release. */
    void boot(Optional<String> version) {
        releaseSwitch().boot(config, version, hosts(), roles(), secrets);
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
