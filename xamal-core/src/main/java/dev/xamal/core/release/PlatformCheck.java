package dev.xamal.core.release;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.UsageException;

/**
 * Refuses to put a release on a host it cannot run on, before anything changes there: the
 * release's OS and architecture (from its RELEASE file) against the host's {@code uname -s -m}.
 */
public final class PlatformCheck {
    private PlatformCheck() {
    }

    /**
     * @param release     the release's platform
     * @param version     the release's version label, for the message
     * @param host        the host's identity, for the message
     * @param unameOutput what {@code uname -s -m} printed on the host
     * @throws UsageException when they differ (the build, or the server list, must change)
     */
    public static void check(Platform release, String version, String host, String unameOutput) {
        if (release.anyHost()) {
            return;
        }
        Platform hostPlatform = Platform.ofUname(unameOutput, release.javaFeature())
                .orElseThrow(() -> new EnvironmentException("host " + host + ": `uname -s -m` printed '"
                        + unameOutput.strip() + "', which is not '<os> <arch>'"));
        if (!hostPlatform.os().equals(release.os()) || !hostPlatform.arch().equals(release.arch())) {
            throw new UsageException("release " + version + " is built for " + release.osArch()
                    + " but host " + host + " is " + hostPlatform.osArch() + ": build on a " + hostPlatform.osArch()
                    + " machine, point release.jlink.jmods at a " + hostPlatform.osArch() + " JDK's jmods "
                    + "(Java " + release.javaFeature() + "), or use release.runtime: system");
        }
    }
}
