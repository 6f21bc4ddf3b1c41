package dev.xamal.core.hooks;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.local.LocalCommand;
import dev.xamal.core.spi.CommandResult;
import dev.xamal.core.spi.LineListener;
import java.nio.file.Path;
import java.util.List;

/**
 * Who performs a command, for hooks, the lock and the audit log: git's {@code user.name} and
 * {@code <user.email>}, the name alone without an email, the OS user without a git name.
 */
public final class Performer {
    private Performer() {
    }

    public static String describe(Path directory) {
        String name = gitConfig(directory, "user.name");
        if (name.isEmpty()) {
            return System.getProperty("user.name", "unknown");
        }
        String email = gitConfig(directory, "user.email");
        return email.isEmpty() ? name : name + " <" + email + ">";
    }

    private static String gitConfig(Path directory, String key) {
        try {
            CommandResult result = new LocalCommand(List.of("git", "config", "--get", key), directory)
                    .run(LineListener.NONE);
            return result.succeeded() ? result.stdout().strip() : "";
        } catch (EnvironmentException e) {
            return "";
        }
    }
}
