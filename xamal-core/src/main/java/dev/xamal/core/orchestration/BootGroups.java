package dev.xamal.core.orchestration;

import dev.xamal.core.config.BootConfig;
import dev.xamal.core.config.Host;
import dev.xamal.core.config.XamalConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The groups hosts boot in ({@code boot.limit}): hosts running the primary role first, then the
 * others, each in the order given, cut into groups of {@link BootConfig#batchSize} hosts (all
 * hosts in one group without a limit). A percentage is of the hosts being booted. Pure.
 */
public final class BootGroups {
    private BootGroups() {
    }

    public static List<List<Host>> of(XamalConfig config, List<Host> hosts) {
        List<Host> ordered = new ArrayList<>(hosts.size());
        List<Host> primary = config.primary().hosts();
        hosts.stream().filter(primary::contains).forEach(ordered::add);
        hosts.stream().filter(h -> !primary.contains(h)).forEach(ordered::add);
        int size = config.boot().batchSize(ordered.size());
        List<List<Host>> groups = new ArrayList<>();
        for (int from = 0; from < ordered.size(); from += size) {
            groups.add(List.copyOf(ordered.subList(from, Math.min(from + size, ordered.size()))));
        }
        return List.copyOf(groups);
    }
}
