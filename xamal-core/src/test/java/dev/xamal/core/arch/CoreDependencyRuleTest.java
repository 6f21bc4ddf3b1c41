package dev.xamal.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one dependency rule: core knows nothing of Maven, MINA SSHD, HostKit or any adapter module.
 */
class CoreDependencyRuleTest {
    private static final String[] FORBIDDEN = {
        "org.apache.maven..", "org.apache.sshd..", "dev.xamal.ssh..", "dev.xamal.caddy..", "dev.xamal.hostkit..",
        "dev.xamal.maven..", "dev.xamal.testhosts.."
    };

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.xamal.core");
    }

    static ArchRule coreDependsOnNoAdapter() {
        return noClasses().that().resideInAPackage("dev.xamal.core..")
                .should().dependOnClassesThat().resideInAnyPackage(FORBIDDEN)
                .because("xamal-core must not know Maven, MINA SSHD, HostKit or the adapter modules");
    }

    @Test
    void coreClassesAreImported() {
        // Guards against a rule that passes because it saw nothing.
        assertThat(core.contain("dev.xamal.core.config.ConfigLoader")).isTrue();
        assertThat(core.contain("dev.xamal.core.spi.Transport")).isTrue();
        assertThat(core.size()).isGreaterThan(20);
    }

    @Test
    void coreDependsOnNeitherMavenNorMinaNorHostKitNorAdapters() {
        coreDependsOnNoAdapter().check(core);
    }

    @Test
    void theRuleCatchesAViolation() {
        // A class in a dev.xamal.core package that uses an adapter package must break the rule.
        JavaClasses offender = new ClassFileImporter().importClasses(
                dev.xamal.core.arch.fixture.UsesAdapter.class, dev.xamal.ssh.fixture.FakeAdapter.class);

        assertThatThrownBy(() -> coreDependsOnNoAdapter().check(offender))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("dev.xamal.ssh.fixture.FakeAdapter");
    }
}
