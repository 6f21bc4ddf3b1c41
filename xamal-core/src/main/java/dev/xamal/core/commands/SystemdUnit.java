package dev.xamal.core.commands;

import java.util.Optional;

/**
 * Renders the systemd units that run an app. Pure.
 *
 * <p>A proxied role runs as a template unit whose instance is the port: each instance runs its
 * own slot ({@code slots/<port>}) with its own env file ({@code env/<role>-<port>.env}), so a
 * crash-restart of the old instance never picks up the new release or its settings. A role
 * without proxy runs one plain unit on {@code slots/<role>}.
 */
public final class SystemdUnit {
    /** Extra seconds systemd waits after a drain before it kills, so a drain is never cut short. */
    static final int STOP_GRACE_SECONDS = 15;

    private SystemdUnit() {
    }

    /**
     * The settings every unit of an app shares.
     *
     * @param layout       the app's layout
     * @param role         the role the unit runs
     * @param launcher     the release's launcher name ({@code bin/<launcher>})
     * @param user         the system user running the app
     * @param cmd          launcher arguments instead of {@code start} (e.g. {@code run com.example.Worker})
     * @param drainTimeout seconds a drain may take; systemd's stop timeout is a little longer
     */
    public record Spec(AppLayout layout, String role, String launcher, String user,
                       Optional<String> cmd, int drainTimeout) {
    }

    /** The template unit {@code <app>.<role>@.service} of a proxied role; the instance is the port. */
    public static String template(Spec spec) {
        String slot = spec.layout().slots() + "/%i";
        return render(spec, spec.layout().appId() + " " + spec.role() + " on port %i", slot,
                spec.layout().envDir() + "/" + spec.role() + "-%i.env", "%i");
    }

    /** The plain unit {@code <app>.<role>.service} of a role without proxy. */
    public static String plain(Spec spec) {
        return render(spec, spec.layout().appId() + " " + spec.role(), spec.layout().slot(spec.role()),
                spec.layout().envFile(spec.role()), null);
    }

    private static String render(Spec spec, String description, String slot, String envFile, String port) {
        String arguments = spec.cmd().orElse("start");
        StringBuilder unit = new StringBuilder()
                .append("# Written by xamal; rewritten on every bootstrap.\n")
                .append("[Unit]\n")
                .append("Description=").append(description).append('\n')
                .append("After=network-online.target\n")
                .append("Wants=network-online.target\n")
                .append('\n')
                .append("[Service]\n")
                .append("Type=exec\n")
                .append("User=").append(spec.user()).append('\n')
                .append("WorkingDirectory=").append(slot).append('\n')
                .append("EnvironmentFile=").append(envFile).append('\n');
        if (port != null) {
            unit.append("Environment=PORT=").append(port).append('\n');
        }
        unit.append("ExecStart=").append(slot).append("/bin/").append(spec.launcher()).append(' ')
                .append(literal(arguments)).append('\n')
                .append("Restart=on-failure\n")
                .append("RestartSec=2\n")
                // The launcher's JVM exits 143 on SIGTERM: a normal stop, not a failure.
                .append("SuccessExitStatus=143\n")
                .append("TimeoutStopSec=").append(spec.drainTimeout() + STOP_GRACE_SECONDS).append('\n')
                .append('\n')
                .append("[Install]\n")
                .append("WantedBy=multi-user.target\n");
        return unit.toString();
    }

    /**
     * User text as a literal in a unit line: systemd would expand {@code %} specifiers and, in
     * {@code ExecStart}, {@code $} variables.
     */
    static String literal(String text) {
        return text.replace("%", "%%").replace("$", "$$");
    }
}
