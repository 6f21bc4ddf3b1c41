package dev.xamal.core.orchestration;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.commands.AppLayout;
import dev.xamal.core.commands.AppStateCommands;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.output.ByteSize;
import dev.xamal.core.output.Output;
import dev.xamal.core.spi.RemoteHost;
import dev.xamal.core.spi.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;

/**
 * Removes an app's old releases and the layers only they used, on each host in parallel, keeping
 * {@code retain_releases} as {@link PrunePlan} decides; prints per host what went and how many
 * bytes that freed. {@link #preview} prints the same without removing anything; a deploy prunes
 * each host right after it booted there ({@link #afterBoot}).
 */
public final class Prune {
    private final Transport transport;
    private final Output output;

    public Prune(Transport transport, Output output) {
        this.transport = transport;
        this.output = output;
    }

    /** One host's prune: the plan and the bytes its removals took (or would take). */
    public record Pruned(Host host, PrunePlan plan, long bytes) {
    }

    /** Removes what the plan says on each host. */
    public List<Pruned> prune(XamalConfig config, List<Host> hosts) {
        output.info("Pruning " + config.appId() + " (keeping the active release and " + config.retainReleases()
                + " more) on " + hosts.size() + (hosts.size() == 1 ? " host" : " hosts"));
        return run(config, hosts, true);
    }

    /** Prints what {@link #prune} would remove on each host, removing nothing. */
    public List<Pruned> preview(XamalConfig config, List<Host> hosts) {
        output.info("Stale releases of " + config.appId() + " (prune keeps the active release and "
                + config.retainReleases() + " more)");
        return run(config, hosts, false);
    }

    /**
     * The prune of a host a deploy has just booted, while other hosts may still boot: a failure
     * is a warning, since the host's deploy itself worked. It starts from the app's state the boot
     * read right after its last switch ({@link Booted#appState()}) when there is one: one round
     * trip fewer.
     */
    public void afterBoot(XamalConfig config, RemoteHost remote, Optional<String> appState) {
        try {
            onHost(config, remote, true, appState);
        } catch (EnvironmentException e) {
            output.warn("[" + remote.host().id() + "] the deploy succeeded there but pruning its old releases failed"
                    + " (run mvn xamal:prune later): " + e.getMessage());
        }
    }

    private List<Pruned> run(XamalConfig config, List<Host> hosts, boolean remove) {
        FanOut fanOut = new FanOut(config.ssh().maxConcurrentStarts(), FanOut.Mode.REPORT_ALL);
        return fanOut.run(hosts, host -> onHost(config, transport.open(host), remove, Optional.empty())).values();
    }

    private Pruned onHost(XamalConfig config, RemoteHost remote, boolean remove, Optional<String> appState) {
        AppStateCommands commands = new AppStateCommands(new AppLayout(config.appId()));
        String hostId = remote.host().id();
        AppInventory inventory = AppInventory.parse(appState.orElseGet(() -> remote.run(commands.inventory()).stdout()));
        PrunePlan plan = PrunePlan.of(inventory, config.retainReleases());
        if (plan.isEmpty()) {
            output.sourceLine(hostId, "nothing to prune; keeping " + describe(plan.keep()));
            return new Pruned(remote.host(), plan, 0);
        }
        List<String> paths = new ArrayList<>();
        plan.removeReleases().forEach(v -> paths.add("releases/" + v));
        plan.removeLayers().forEach(sha -> paths.add("layers/" + sha));
        String command = remove ? commands.removeMeasured(paths) : commands.measure(paths);
        long bytes = AppStateCommands.totalBytes(remote.run(command).stdout());
        String what = (plan.removeReleases().isEmpty() ? "no release" : "releases " + String.join(", ",
                plan.removeReleases())) + " and " + plan.removeLayers().size()
                + (plan.removeLayers().size() == 1 ? " layer" : " layers");
        output.sourceLine(hostId, (remove ? "removed " : "would remove ") + what + (remove ? ", freed " : ", ")
                + size(bytes) + (remove ? "" : " to free") + "; keeping " + describe(plan.keep()));
        return new Pruned(remote.host(), plan, bytes);
    }

    private static String describe(List<String> kept) {
        return kept.isEmpty() ? "no release" : String.join(", ", kept);
    }

    /** A byte count for people: {@code 1234567} is {@code 1.2 MB (1234567 bytes)}. */
    static String size(long bytes) {
        return bytes < 1000 ? bytes + " bytes" : ByteSize.of(bytes) + " (" + bytes + " bytes)";
    }
}
