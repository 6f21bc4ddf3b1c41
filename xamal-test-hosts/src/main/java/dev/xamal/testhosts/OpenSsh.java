package dev.xamal.testhosts;

import java.util.ArrayList;
import java.util.List;

/**
 * The OpenSSH client, as an independent check of what is on a host: key auth with the group's key,
 * strict host key checking against the group's known_hosts, batch mode.
 */
public record OpenSsh(String user, java.nio.file.Path key, java.nio.file.Path knownHosts) {

    private static final long TIMEOUT_SECONDS = 120;

    public static OpenSsh of(HostGroup group) {
        return new OpenSsh(group.user(), group.keyPath(), group.knownHostsPath());
    }

    /** Runs {@code command} on a public host through its mapped SSH port. */
    public ExecOutput run(TestHost host, String command) {
        return LocalCommand.run(argv(host.host(), host.sshPort(), List.of(), command), TIMEOUT_SECONDS);
    }

    /** Runs {@code command} on {@code target} (e.g. a private host) with {@code jump} as ProxyJump. */
    public ExecOutput runVia(TestHost jump, TestHost target, String command) {
        // -J would not hand our -i/-o options to the jump connection; a ProxyCommand does.
        List<String> jumpArgv = argv(jump.host(), jump.sshPort(), List.of("-W", "%h:%p"), null);
        List<String> jumpOptions = List.of("-o", "ProxyCommand=" + String.join(" ", jumpArgv));
        return LocalCommand.run(argv(target.name(), TestHost.SSH_PORT, jumpOptions, command), TIMEOUT_SECONDS);
    }

    List<String> argv(String hostName, int port, List<String> extra, String command) {
        List<String> argv = new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-i", key.toString(),
                "-p", Integer.toString(port),
                "-o", "IdentitiesOnly=yes",
                "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes",
                "-o", "ConnectTimeout=20",
                "-o", "LogLevel=ERROR"));
        argv.addAll(extra);
        argv.add(user + "@" + hostName);
        if (command != null) {
            argv.add(command);
        }
        return argv;
    }
}
