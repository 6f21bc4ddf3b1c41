package dev.xamal.maven;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SshLibraryLoggingTest {
    private String before;

    @BeforeEach
    void clear() {
        before = System.getProperty(SshLibraryLogging.LEVEL_PROPERTY);
        System.clearProperty(SshLibraryLogging.LEVEL_PROPERTY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(SshLibraryLogging.LEVEL_PROPERTY);
        } else {
            System.setProperty(SshLibraryLogging.LEVEL_PROPERTY, before);
        }
    }

    @Test
    void aGoalWithoutDebugLoggingShowsOnlyTheLibrarysWarnings() {
        SshLibraryLogging.quietUnlessDebugging(false);

        assertThat(System.getProperty(SshLibraryLogging.LEVEL_PROPERTY)).isEqualTo("warn");
    }

    @Test
    void mavenDebugLoggingKeepsEveryLineOfTheLibrary() {
        SshLibraryLogging.quietUnlessDebugging(true);

        assertThat(System.getProperty(SshLibraryLogging.LEVEL_PROPERTY)).isNull();
    }

    @Test
    void aLevelTheUserSetIsKept() {
        System.setProperty(SshLibraryLogging.LEVEL_PROPERTY, "info");

        SshLibraryLogging.quietUnlessDebugging(false);

        assertThat(System.getProperty(SshLibraryLogging.LEVEL_PROPERTY)).isEqualTo("info");
    }
}
