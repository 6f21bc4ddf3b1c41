package dev.xamal.core.release;

import dev.xamal.core.config.ReleaseConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformCheckTest {
    private final Platform linuxX64 = new Platform("linux", "x86_64", 17);

    @Test
    void sameOsAndArchPasses() {
        assertThatCode(() -> PlatformCheck.check(linuxX64, "v1", "web-1:22", "Linux x86_64\n")).doesNotThrowAnyException();
    }

    @Test
    void theUnameAHostOfThePlatformPrintsPassesTheCheckAndNoOtherPlatformsDoes() {
        assertThat(linuxX64.hostUname()).isEqualTo("Linux x86_64");
        Platform arm = new Platform("linux", "aarch64", 21);
        assertThat(arm.hostUname()).isEqualTo("Linux aarch64");
        for (Platform platform : new Platform[] {linuxX64, arm, new Platform("darwin", "aarch64", 17)}) {
            assertThatCode(() -> PlatformCheck.check(platform, "v1", "h", platform.hostUname())).doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> PlatformCheck.check(arm, "v1", "h", linuxX64.hostUname())).isInstanceOf(UsageException.class);
        assertThat(new Platform(Platform.ANY, Platform.ANY, 17).hostUname()).as("any host: no check").isEmpty();
    }

    @Test
    void otherArchFailsNamingBoth() {
        assertThatThrownBy(() -> PlatformCheck.check(linuxX64, "v1", "web-1:22", "Linux aarch64"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("release v1 is built for linux/x86_64")
                .hasMessageContaining("host web-1:22 is linux/aarch64")
                .hasMessageContaining("release.jlink.jmods");
    }

    @Test
    void otherOsFails() {
        assertThatThrownBy(() -> PlatformCheck.check(linuxX64, "v1", "mac", "Darwin arm64"))
                .isInstanceOf(UsageException.class).hasMessageContaining("host mac is darwin/aarch64");
    }

    @Test
    void systemRuntimeReleasesRunAnywhere() {
        assertThatCode(() -> PlatformCheck.check(new Platform("any", "any", 17), "v1", "h", "Linux riscv64"))
                .doesNotThrowAnyException();
    }

    @Test
    void garbledUnameIsAnEnvironmentError() {
        assertThatThrownBy(() -> PlatformCheck.check(linuxX64, "v1", "h", "sh: uname: not found"))
                .isInstanceOf(EnvironmentException.class).hasMessageContaining("host h");
    }

    @Test
    void javaHomeReleaseFileNamesThePlatform(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"17.0.15\"\nOS_NAME=\"Linux\"\nOS_ARCH=\"amd64\"\n");
        assertThat(Platform.ofJavaHome(home)).isEqualTo(linuxX64);
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"21\"\nOS_NAME=\"Darwin\"\nOS_ARCH=\"aarch64\"\n");
        assertThat(Platform.ofJavaHome(home)).isEqualTo(new Platform("darwin", "aarch64", 21));
    }

    @Test
    void manifestRoundTripsThePlatform() {
        ReleaseManifest manifest = new ReleaseManifest("svc", "v1", java.util.Optional.empty(), java.util.Optional.empty(),
                false, linuxX64, ReleaseConfig.Runtime.JLINK, java.util.List.of("java.base"),
                java.util.Map.of(LayerKind.RUNTIME, "ab"));
        ReleaseManifest back = ReleaseManifest.parse(manifest.render(), "RELEASE");
        assertThat(back).isEqualTo(manifest);
        assertThat(manifest.render()).contains("layer.dependencies=none\n");
    }
}
