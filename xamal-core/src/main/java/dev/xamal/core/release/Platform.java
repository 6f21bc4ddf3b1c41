package dev.xamal.core.release;

import dev.xamal.core.EnvironmentException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * What a release's runtime needs from a server: an operating system and CPU architecture (as
 * {@code uname -s} and {@code uname -m} name them, lower case) and the Java feature version. A
 * release that uses the server's own {@code java} ({@code release.runtime: system}) runs on any
 * OS and architecture: {@link #ANY} there.
 *
 * @param os          {@code linux}, {@code darwin}..., or {@code any}
 * @param arch        {@code x86_64}, {@code aarch64}..., or {@code any}
 * @param javaFeature the Java feature version the release was linked (or compiled) for
 */
public record Platform(String os, String arch, int javaFeature) {
    public static final String ANY = "any";

    /** How RELEASE writes it: {@code linux/x86_64}. */
    public String osArch() {
        return os + "/" + arch;
    }

    public boolean anyHost() {
        return ANY.equals(os) && ANY.equals(arch);
    }

    /**
     * What {@code uname -s -m} prints on a host of this platform ({@code Linux x86_64}); a host
     * that prints it passes {@link PlatformCheck}. Empty for a release that runs on any host.
     */
    public String hostUname() {
        if (anyHost()) {
            return "";
        }
        String kernel = os.equals("linux") ? "Linux" : os.equals("darwin") ? "Darwin" : os;
        return kernel + " " + arch;
    }

    /** The platform of a JDK or runtime image, from the {@code release} file in its home. */
    public static Platform ofJavaHome(Path javaHome) {
        Path release = javaHome.resolve("release");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(release, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new EnvironmentException("could not read " + release + ": " + e.getMessage(), e);
        }
        String os = unquote(properties.getProperty("OS_NAME", ""));
        String arch = unquote(properties.getProperty("OS_ARCH", ""));
        String version = unquote(properties.getProperty("JAVA_VERSION", ""));
        if (os.isEmpty() || arch.isEmpty() || version.isEmpty()) {
            throw new EnvironmentException(release + " does not name OS_NAME, OS_ARCH and JAVA_VERSION");
        }
        return new Platform(normaliseOs(os), normaliseArch(arch), feature(version));
    }

    /** Parses {@code uname -s -m} output such as {@code Linux x86_64}. */
    public static Optional<Platform> ofUname(String unameOutput, int javaFeature) {
        String[] parts = unameOutput.trim().split("\\s+");
        if (parts.length != 2) {
            return Optional.empty();
        }
        return Optional.of(new Platform(normaliseOs(parts[0]), normaliseArch(parts[1]), javaFeature));
    }

    static String normaliseOs(String os) {
        String lower = os.toLowerCase(Locale.ROOT).replace(" ", "");
        if (lower.startsWith("mac") || lower.equals("darwin")) {
            return "darwin";
        }
        return lower;
    }

    static String normaliseArch(String arch) {
        String lower = arch.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "amd64":
            case "x64":
                return "x86_64";
            case "arm64":
                return "aarch64";
            default:
                return lower;
        }
    }

    static int feature(String javaVersion) {
        String digits = javaVersion.replaceFirst("^1\\.", "").split("[^0-9]", 2)[0];
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new EnvironmentException("cannot read a Java feature version from '" + javaVersion + "'");
        }
    }

    private static String unquote(String value) {
        String trimmed = value.trim();
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1);
        }
        return trimmed;
    }
}
