package dev.xamal.core.orchestration;

import dev.xamal.core.config.Host;
import java.util.List;

/**
 * What bootstrap did on one host.
 *
 * @param host      the host
 * @param changed   one line per change made
 * @param unchanged one line per thing that was already right
 * @param warnings  one line per thing bootstrap could not set right and the host's owner should
 */
public record BootstrapReport(Host host, List<String> changed, List<String> unchanged, List<String> warnings) {
    public BootstrapReport {
        changed = List.copyOf(changed);
        unchanged = List.copyOf(unchanged);
        warnings = List.copyOf(warnings);
    }

    public boolean changedAnything() {
        return !changed.isEmpty();
    }
}
