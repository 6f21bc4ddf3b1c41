package dev.xamal.core.orchestration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What prune keeps and removes of one app on one host, decided from the history, never from file
 * times. Releases are ordered by their last switch in the history, newest first; prune keeps the
 * active release (where {@code current} points, else the newest in the history) plus the
 * {@code retain} newest others, never a release a slot points at, and never a release the history
 * never names: it was delivered and not booted yet ({@code build-deliver}, or a deploy still under
 * way, such as the outer deploy of a {@code pre-deploy} hook that deploys). Layers no kept release
 * references go too. Pure.
 *
 * @param keep           the releases kept, newest first
 * @param removeReleases the releases removed, newest first
 * @param removeLayers   the cached layers no kept release references
 */
public record PrunePlan(List<String> keep, List<String> removeReleases, List<String> removeLayers) {
    public PrunePlan {
        keep = List.copyOf(keep);
        removeReleases = List.copyOf(removeReleases);
        removeLayers = List.copyOf(removeLayers);
    }

    public static PrunePlan of(AppInventory inventory, int retain) {
        if (retain < 1) {
            throw new IllegalArgumentException("retain must be at least 1: " + retain);
        }
        List<String> ordered = newestFirst(inventory);
        Optional<String> active = inventory.current().filter(inventory.releases()::containsKey)
                .or(() -> ordered.stream().filter(inventory.history()::contains).findFirst());
        Set<String> kept = new LinkedHashSet<>();
        active.ifPresent(kept::add);
        ordered.stream().filter(v -> !kept.contains(v) && inventory.history().contains(v)).limit(retain)
                .forEach(kept::add);
        inventory.slots().values().stream().filter(inventory.releases()::containsKey).forEach(kept::add);
        ordered.stream().filter(v -> !inventory.history().contains(v)).forEach(kept::add);

        List<String> keep = ordered.stream().filter(kept::contains).toList();
        List<String> remove = ordered.stream().filter(v -> !kept.contains(v)).toList();
        List<String> removeLayers = new ArrayList<>();
        // An incomplete kept release does not say which layers it needs: then no layer goes.
        if (keep.stream().allMatch(inventory.complete()::contains)) {
            Set<String> referenced = new HashSet<>();
            keep.forEach(v -> referenced.addAll(inventory.releases().get(v)));
            inventory.layers().stream().filter(l -> !referenced.contains(l)).forEach(removeLayers::add);
        }
        return new PrunePlan(keep, remove, removeLayers);
    }

    /** Whether there is anything to remove. */
    public boolean isEmpty() {
        return removeReleases.isEmpty() && removeLayers.isEmpty();
    }

    /** The releases on the host, newest switch first; those the history never names last, by name. */
    static List<String> newestFirst(AppInventory inventory) {
        List<String> history = inventory.history();
        return inventory.releases().keySet().stream()
                .sorted(Comparator.comparingInt((String v) -> -history.lastIndexOf(v))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
    }
}
