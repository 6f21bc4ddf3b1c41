package dev.xamal.core.orchestration;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.UsageException;
import dev.xamal.core.commands.DeliveryState;
import dev.xamal.core.commands.DeployCommands;
import dev.xamal.core.commands.SeparatedOutput;
import dev.xamal.core.commands.VerifiedWrite;
import dev.xamal.core.output.Output;
import dev.xamal.core.release.Layer;
import dev.xamal.core.release.PlatformCheck;
import dev.xamal.core.release.ReleaseLayers;
import dev.xamal.core.spi.CommandResult;
import dev.xamal.core.spi.ConnectionLostException;
import dev.xamal.core.spi.RemoteCommand;
import dev.xamal.core.spi.RemoteCommandException;
import dev.xamal.core.spi.RemoteHost;
import dev.xamal.core.spi.UploadProgress;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Puts a built release on one host: checks the host's platform, uploads only the layers its
 * cache lacks (each verified by digest, then marked complete; a layer whose upload a dropped
 * connection cut off is sent once more on a new connection), and assembles
 * {@code releases/<version>} from the cache, verified and marked complete. A version already
 * complete on the host is reused when its layers are the same and refused when they differ. A
 * small last layer (the application's) rides on the first query, which on a host that lacks only
 * it also writes it and assembles the release: a redeploy's delivery is one round trip.
 */
public final class ReleaseDelivery {
    /**
     * The largest last layer (the application's, usually all that changed) sent with the
     * delivery's first query, on its standard input: then a redeploy's delivery is one round trip.
     * A host that has the layer already receives these bytes for nothing.
     */
    static final long SENT_WITH_THE_QUERY = 256 * 1024;
    /** The mode of a layer's file in the host's cache. */
    private static final int LAYER_MODE = 0644;
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
        Layer last = release.layers().get(release.layers().size() - 1);
        UploadProgress hostProgress = progress.forHost(hostId);
        First first = last.size() <= SENT_WITH_THE_QUERY
                ? inOneRoundTrip(remote, release, shas, launcher, last, hostProgress)
                : new First(state(remote, version, shas), false, false);
        DeliveryState state = first.state();
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
        List<Layer> missing = release.layers().stream()
                .filter(l -> !cached.contains(l.sha256()) && !(first.wroteLast() && l == last)).toList();
        List<Layer> uploaded = new ArrayList<>();
        AtomicLong sent = new AtomicLong();
        if (first.wroteLast()) {
            uploaded.add(last);
            sent.addAndGet(last.size());
            reportUpload(hostId, last);
        }
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
            uploaded.add(layer);
            reportUpload(hostId, layer);
        }
        int reused = release.layers().size() - uploaded.size();
        if (reused > 0) {
            output.sourceLine(hostId, reused + " layer" + (reused == 1 ? " was" : "s were") + " already on the host");
        }
        if (!first.assembled()) {
            remote.run(commands.assemble(version, shas, release.manifest().render(), launcher));
        }
        output.sourceLine(hostId, "assembled release " + version);
        return new Delivered(uploaded, sent.get(), true, state);
    }

    private void reportUpload(String hostId, Layer layer) {
        output.sourceLine(hostId, "uploaded layer " + layer.kind().key() + " (" + layer.size() + " bytes)");
    }

    /**
     * What the delivery's first round trip did.
     *
     * @param wroteLast whether it wrote the release's last layer into the host's cache
     * @param assembled whether it assembled the release
     */
    private record First(DeliveryState state, boolean wroteLast, boolean assembled) {
    }

    /**
     * The state query with the last layer on its standard input: where that layer is the only one
     * the host lacks (a redeploy after a code change) the same round trip writes it and assembles
     * the release ({@link DeployCommands#deliverInOneRoundTrip}). When that part fails, or the
     * connection drops, the delivery goes on step by step, whose own errors then say what failed.
     */
    private First inOneRoundTrip(RemoteHost remote, ReleaseLayers release, List<String> shas, String launcher,
                                 Layer last, UploadProgress hostProgress) {
        String hostId = remote.host().id();
        String version = release.manifest().version();
        byte[] bytes = read(last, hostId);
        VerifiedWrite write = VerifiedWrite.of(commands.layerFile(last.sha256()), LAYER_MODE, bytes,
                VerifiedWrite.randomNonce());
        if (!write.sha256().equals(last.sha256())) {
            throw new EnvironmentException("Cannot upload " + last.file() + " to " + hostId + ": it changed after the"
                    + " build (sha256 " + write.sha256() + ", built as " + last.sha256() + "); build the release again");
        }
        String line = commands.deliverInOneRoundTrip(version, shas, write, release.manifest().platform().hostUname(),
                release.manifest().render(), launcher);
        hostProgress.sent(0, last.size());
        CommandResult result;
        try {
            result = remote.exec(RemoteCommand.of(line).withStdin(bytes).describedAs("the delivery query of " + version
                    + " with its layer " + last.kind().key() + " (" + last.size() + " bytes)"));
        } catch (ConnectionLostException lost) {
            output.warn("[" + hostId + "] the connection dropped during the delivery query (" + firstLine(lost)
                    + "); asking again on a new connection");
            return new First(state(remote, version, shas), false, false);
        }
        String[] stateAndRest = SeparatedOutput.aroundLine(result.stdout(), DeliveryState.SEPARATOR, true);
        DeliveryState state;
        try {
            if (stateAndRest == null) {
                throw new IllegalArgumentException("no " + DeliveryState.SEPARATOR + " line");
            }
            state = DeliveryState.parse(stateAndRest[0]);
        } catch (IllegalArgumentException e) {
            if (!result.succeeded()) {
                throw new RemoteCommandException(remote.host(), "the delivery query (" + commands.deliveryState(version,
                        shas) + ")", result);
            }
            throw unexpected(remote, e.getMessage(), result.stdout());
        }
        List<String> said = stateAndRest[1].lines().toList();
        boolean wrote = said.contains(DeployCommands.LAYER_WRITTEN); // printed once the layer is complete
        if (wrote) {
            hostProgress.sent(last.size(), last.size());
        }
        if (!result.succeeded()) {
            output.debug("[" + hostId + "] " + (wrote ? "assembling " + version : "writing layer " + last.kind().key())
                    + " with the delivery query failed (exit status " + result.exitStatus() + "): "
                    + result.outputTail() + "; delivering step by step");
            return new First(state, wrote, false);
        }
        return new First(state, wrote, said.contains(DeployCommands.ASSEMBLED));
    }

    private static byte[] read(Layer layer, String hostId) {
        try {
            return Files.readAllBytes(layer.file());
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read " + layer.file() + " to upload it to " + hostId + ": "
                    + e.getMessage(), e);
        }
    }

    /** The platform, the release's marker, the cached layers, {@code current} and the active port, in one round trip. */
    private DeliveryState state(RemoteHost remote, String version, List<String> shas) {
        return parse(remote, remote.run(commands.deliveryState(version, shas)).stdout());
    }

    private static DeliveryState parse(RemoteHost remote, String stdout) {
        try {
            return DeliveryState.parse(stdout);
        } catch (IllegalArgumentException e) {
            throw unexpected(remote, e.getMessage(), stdout);
        }
    }

    private static EnvironmentException unexpected(RemoteHost remote, String what, String stdout) {
        return new EnvironmentException("host " + remote.host().id() + " answered the delivery query with something "
                + "unexpected (" + what + "): " + stdout.strip());
    }
}
