package dev.xamal.testhosts;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import java.util.List;
import java.util.function.Predicate;

/**
 * Removes test containers and networks that nobody owns any more: those whose owning process is
 * gone, or (on request) those of one run. Never touches another live run's hosts.
 */
public final class LeftoverSweep {

    private final DockerClient docker;

    public LeftoverSweep(DockerClient docker) {
        this.docker = docker;
    }

    /** Removes what belongs to dead owners; returns how many containers went. */
    public int removeAbandoned() {
        return remove(container -> Ownership.ownerIsGone(container.getLabels()),
                network -> Ownership.ownerIsGone(network.getLabels()));
    }

    /** Removes everything of one run (e.g. the invoker hosts when the integration tests are done). */
    public int removeRun(String runId) {
        return remove(container -> runId.equals(container.getLabels().get(Ownership.RUN)),
                network -> runId.equals(network.getLabels().get(Ownership.RUN)));
    }

    private int remove(Predicate<Container> containerFilter, Predicate<Network> networkFilter) {
        List<Container> containers = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(List.of(Ownership.MARKER + "=true")).exec();
        int removed = 0;
        for (Container container : containers) {
            if (containerFilter.test(container)) {
                removeContainer(container.getId());
                removed++;
            }
        }
        for (Network network : docker.listNetworksCmd().withFilter("label", List.of(Ownership.MARKER + "=true")).exec()) {
            if (networkFilter.test(network)) {
                removeNetwork(network.getId());
            }
        }
        return removed;
    }

    void removeContainer(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            // already removed by its owner
        }
    }

    void removeNetwork(String id) {
        try {
            docker.removeNetworkCmd(id).exec();
        } catch (NotFoundException gone) {
            // already removed by its owner
        }
    }
}
