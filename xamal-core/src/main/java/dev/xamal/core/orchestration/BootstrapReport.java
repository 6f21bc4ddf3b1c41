package dev.xamal.core.orchestration;

import dev.xamal.core.config.Host;
import java.util.List;

/**
 * What bootstrap did on one host.
 *
 * @param host      the host
 * @param changed   one line per change made
 * @param unchanged one line per thing that was already right
 */
public record BootstrapReport(Host host, List<String> changed, List<String> unchanged) {
    public BootstrapReport {
        changed = List.copyOf(changed);
        unchanged = List.copyOf(unchanged);
    }

    public boolean changedAnything() {
        return !changed.isEmpty();
    }
}
