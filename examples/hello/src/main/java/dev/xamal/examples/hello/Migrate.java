package dev.xamal.examples.hello;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The example app's migration ({@code release.migrate: dev.xamal.examples.hello.Migrate <marker>}):
 * writes a marker file naming the release version and {@code HELLO_DATABASE} from its
 * environment, so a test can see it ran once in the release's context. With {@code --fail} as
 * its argument it prints why it fails and exits with status 3 instead.
 */
public final class Migrate {
    private Migrate() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 1 && args[0].equals("--fail")) {
            System.out.println("hello: migrating " + env("HELLO_DATABASE"));
            System.err.println("hello: migration failed: table greetings is locked (--fail)");
            System.exit(3);
        }
        if (args.length != 1) {
            System.err.println("usage: Migrate <marker file> | --fail");
            System.exit(64);
        }
        String marker = "version=" + env("XAMAL_VERSION") + " database=" + env("HELLO_DATABASE") + "\n";
        Files.writeString(Path.of(args[0]), marker, StandardCharsets.UTF_8);
        System.out.println("hello: migrated " + env("HELLO_DATABASE") + ", marker " + args[0]);
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null ? "(unset)" : value;
    }
}
