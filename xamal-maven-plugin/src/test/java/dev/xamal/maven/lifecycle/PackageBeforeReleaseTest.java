package dev.xamal.maven.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PackageBeforeReleaseTest {
    @Test
    void goalsThatBuildAReleaseGetPackageInFront() {
        for (String goal : List.of("build", "build-deliver", "deploy", "redeploy", "setup")) {
            assertThat(PackageBeforeRelease.apply(List.of("xamal:" + goal))).containsExactly("package", "xamal:" + goal);
        }
        assertThat(PackageBeforeRelease.apply(List.of("clean", "dev.xamal:xamal-maven-plugin:0.1.0:deploy@prod")))
                .containsExactly("clean", "package", "dev.xamal:xamal-maven-plugin:0.1.0:deploy@prod");
    }

    @Test
    void aPackagedPhaseFirstOrAGoalThatDoesNotBuildIsLeftAlone() {
        assertThat(PackageBeforeRelease.apply(List.of("verify", "xamal:deploy"))).containsExactly("verify", "xamal:deploy");
        assertThat(PackageBeforeRelease.apply(List.of("xamal:build-upload"))).containsExactly("xamal:build-upload");
        assertThat(PackageBeforeRelease.apply(List.of("xamal:server-exec"))).containsExactly("xamal:server-exec");
    }

    @Test
    void withSkipBuildOnlyTheGoalsThatBuildGetPackage() {
        for (String goal : List.of("build-deliver", "deploy", "redeploy", "setup")) {
            assertThat(PackageBeforeRelease.apply(List.of("xamal:" + goal), true)).containsExactly("xamal:" + goal);
        }
        assertThat(PackageBeforeRelease.apply(List.of("dev.xamal:xamal-maven-plugin:0.1.0:redeploy@prod"), true))
                .containsExactly("dev.xamal:xamal-maven-plugin:0.1.0:redeploy@prod");
        assertThat(PackageBeforeRelease.apply(List.of("xamal:redeploy", "xamal:build"), true))
                .containsExactly("xamal:redeploy", "package", "xamal:build");
        assertThat(PackageBeforeRelease.apply(List.of("xamal:hostkit-plan"), true))
                .containsExactly("package", "xamal:hostkit-plan");
    }
}
