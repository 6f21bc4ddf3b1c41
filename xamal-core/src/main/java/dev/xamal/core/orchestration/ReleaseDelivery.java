package dev.xamal.core.orchestration;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.UsageException;
import dev.xamal.core.commands.DeliveryState;
import dev.xamal.core.commands.DeployCommands;
import dev.xamal.core.output.Output;
import dev.xamal.core.release.Layer;
import dev.xamal.core.release.PlatformCheck;
import dev.xamal.core.release.ReleaseLayers;
import dev.xamal.core.spi.ConnectionLostException;
import dev.xamal.core.spi.RemoteHost;
import dev.xamal.core.spi.UploadProgress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Puts a built release on one host: checks the host's platform, uploads only the layers its
 * cache lacks (each verified by digest, then marked complete; a layer whose upload a dropped
 * connection cut off is sent once more on a new connection), and assembles
 * {@code releases/<version>} from the cache, verified and marked complete. A version already
 * complete on the host is reused when its layers are the same and refused when they differ.
 */
public final class ReleaseDelivery {
    private final DeployCommands commands;
    private final Output output;
    private final UploadProgress progress;

    /**
     * @param progress told of every upload's bytes (on top of the output's per-layer line)
     */
    public ReleaseDelivery(DeployCommands commands, Output output, UploadProgress progress) {
        this.commands = commands;
        this.output = output;
        this.progress = progress;
    }

    /**
     * Sends one layer into the cache: its directory, the file (which lands only whole and verified
     * by digest), then the digest checked once more and the layer marked complete. Every step may
     * run again after a dropped connection: the directory may exist, a partial file never takes
     * the layer's name, and the marker is written only after the check. The directory and the
     * marker share the upload's round trips (one in all for a layer sent in one command).
     */
    private void uploadLayer(RemoteHost remote, Layer layer, AtomicLong sent, UploadProgress hostProgress) {
        AtomicLong sentOfLayer = new AtomicLong();
        remote.upload(layer.file(), commands.layerFile(layer.sha256()), (bytesSent, total) -> {
            sent.addAndGet(bytesSent - sentOfLayer.getAndSet(bytesSent));
            hostProgress.sent(bytesSent, total);
        }, commands.prepareLayer(layer.sha256()), commands.completeLayer(layer.sha256()));
    }

    private static String firstLine(Exception e) {
        return e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
    }

    /**
     * What a delivery did on a host.
     *
     * @param state what the host reported before the delivery (its running version and active port included)
     */
    public record Delivered(List<Layer> uploaded, long bytesSent, boolean assembled, DeliveryState state) {
        public Delivered {
            uploaded = List.copyOf(uploaded);
        }
    }

    /**
     * @param launcher the release's launcher name ({@code bin/<launcher>}), checked in the assembled release
     */
    public Delivered deliver(RemoteHost remote, ReleaseLayers release, String launcher) {
        String hostId = remote.host().id();
        String version = release.manifest().version();
        List<String> shas = release.layers().stream().map(Layer::sha256).toList();
        DeliveryState state = state(remote, version, shas);
        PlatformCheck.check(release.manifest().platform(), version, hostId, state.uname());

        String marker = state.marker();
        if (!marker.isEmpty()) {
            if (marker.equals(DeployCommands.markerContent(shas))) {
                output.sourceLine(hostId, "release " + version + " is already on the host");
                return new Delivered(List.of(), 0, false, state);
            }
            throw new UsageException("release " + version + " is already on " + hostId + " with different content "
                    + "(its layers are " + marker.strip().replace('\n', ' ') + "); a version label names one "
                    + "content: commit the change (the label is the commit) or give a new -Dxamal.version");
        }

        Set<String> cached = state.completeLayers();
        List<Layer> missing = release.layers().stream().filter(l -> !cached.contains(l.sha256())).toList();
        AtomicLong sent = new AtomicLong();
        UploadProgress hostProgress = progress.forHost(hostId);
        for (Layer layer : missing) {
            try {
                uploadLayer(remote, layer, sent, hostProgress);
            } catch (ConnectionLostException lost) {
                output.warn("[" + hostId + "] the connection dropped while uploading layer " + layer.kind().key()
                        + "; uploading it once more on a new connection");
                try {
                    uploadLayer(remote, layer, sent, hostProgress);
                } catch (EnvironmentException again) {
                    throw new EnvironmentException("Uploading layer " + layer.kind().key() + " to " + hostId
                            + " failed: the connection dropped (" + firstLine(lost) + "), and the upload once more on"
                            + " a new connection failed too: " + again.getMessage(), again);
                }
            }
            output.sourceLine(hostId, "uploaded layer " + layer.kind().key() + " (" + layer.size() + " bytes)");
        }
        int reused = release.layers().size() - missing.size();
        if (reused > 0) {
            output.sourceLine(hostId, reused + " layer" + (reused == 1 ? " was" : "s were") + " already on the host");
        }
        remote.run(commands.assemble(version, shas, release.manifest().render(), launcher));
        output.sourceLine(hostId, "assembled release " + version);
        return new Delivered(missing, sent.get(), true, state);
    }

    /** The platform, the release's marker, the cached layers, {@code current} and the active port, in one round trip. */
    private DeliveryState state(RemoteHost remote, String version, List<String> shas) {
        String stdout = remote.run(commands.deliveryState(version, shas)).stdout();
        try {
            return DeliveryState.parse(stdout);
        } catch (IllegalArgumentException e) {
            throw new EnvironmentException("host " + remote.host().id() + " answered the delivery query with something "
                    + "unexpected (" + e.getMessage() + "): " + stdout.strip());
        }
    }
}
