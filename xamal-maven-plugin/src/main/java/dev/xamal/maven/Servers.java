package dev.xamal.maven;

import dev.xamal.caddy.CaddyProxy;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.Role;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.orchestration.Deploy;
import dev.xamal.core.orchestration.ProjectHooks;
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
    private final ProjectHooks hooks;
    private final Output output;

    Servers(XamalConfig config, Secrets secrets, SshTransport transport, String hostFilter, String roleFilter,
            ProjectHooks hooks, Output output) {
        this.config = config;
        this.secrets = secrets;
        this.transport = transport;
        this.hostFilter = Optional.ofNullable(hostFilter).filter(f -> !f.isBlank());
        this.roleFilter = Optional.ofNullable(roleFilter).filter(f -> !f.isBlank());
        this.hooks = hooks;
        this.output = output;
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
        return new Deploy(transport, proxy, output, new UploadProgressLines(output));
    }

    /** {@code server-bootstrap} on the selected hosts. */
    void bootstrap() {
        new ServerBootstrap(transport, proxy, output).run(config, hosts());
    }

    /** Uploads and assembles the release on the selected hosts, without booting it. */
    void deliver(ReleaseLayers release) {
        deploy().deliver(config, release, hosts());
    }

    /** Delivers and boots the release on the selected hosts and roles. */
    void deploy(ReleaseLayers release, Deploy.Checks checks) {
        List<Role> roles = roles();
        new Deploy(transport, proxy, output, new UploadProgressLines(output),
                hooks.forDeploy(config, release.manifest().version(), roles, output))
                .deploy(config, release, hosts(), roles, secrets, checks);
    }

    /** {@code rollback} on the selected hosts and roles: to {@code version}, or to the previous release. */
    void rollback(Optional<String> version) {
        new ReleaseSwitch(transport, proxy, output).rollback(config, version, hosts(), roles(), secrets);
    }

    /** {@code app-boot} on the selected hosts and roles: {@code version}, or each host's current release. */
    void boot(Optional<String> version) {
        new ReleaseSwitch(transport, proxy, output).boot(config, version, hosts(), roles(), secrets);
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
