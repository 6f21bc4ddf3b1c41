package dev.xamal.core.spi;

import java.util.List;

/**
 * What {@link Proxy#prepare} did on a host.
 *
 * @param changes  one line per change made (empty when everything was already right)
 * @param warnings one line per thing the proxy could not set right and the host's owner should:
 *                 what is wrong, what it risks and what to do (empty when nothing is)
 */
public record ProxyPreparation(List<String> changes, List<String> warnings) {
    public ProxyPreparation {
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
    }
}
