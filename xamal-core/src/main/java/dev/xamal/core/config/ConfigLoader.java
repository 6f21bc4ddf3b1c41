package dev.xamal.core.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the configuration: {@code config/xamal.yml} and, with a destination,
 * {@code config/xamal.<destination>.yml} deep-merged on top (maps merge, lists and scalars
 * replace). Both files are rendered by Jinjava first, with {@code env} (the environment the caller
 * passes, never read here) and {@code destination} (empty when none) in scope. The result is
 * validated in full before anything else happens.
 */
public final class ConfigLoader {
    /** The configuration file's default location, relative to the project directory. */
    public static final String DEFAULT_CONFIG_FILE = "config/xamal.yml";

    private ConfigLoader() {
    }

    /**
     * Loads and validates the configuration.
     *
     * @param projectDir  the project directory; relative paths start here
     * @param configFile  the base file, relative to {@code projectDir} or absolute
     * @param destination the destination, if any
     * @param env         the process environment, visible to templates as {@code env}
     * @throws ConfigException naming the file, key path and what to change
     */
    public static XamalConfig load(Path projectDir, String configFile, Optional<String> destination,
            Map<String, String> env) {
        Path base = projectDir.resolve(configFile).normalize();
        String baseDisplay = display(projectDir, base);
        if (!Files.isRegularFile(base)) {
            throw new ConfigException(baseDisplay, "", "configuration file not found; run mvn xamal:init to create one"
                    + " or point -Dxamal.configFile at yours");
        }
        Optional<String> dest = destination.filter(d -> !d.isBlank());
        if (dest.isPresent() && !ConfigModelReader.NAME.matcher(dest.get()).matches()) {
            throw new ConfigException(baseDisplay, "", "destination '" + dest.get()
                    + "' may only contain lower-case letters, digits, '-' and '_'; fix -Dxamal.destination");
        }
        ConfigFileReader reader = new ConfigFileReader(env, dest);
        Map<String, Object> baseMap = reader.read(base, baseDisplay);
        List<Path> files = new ArrayList<>(List.of(base));
        Map<String, Object> overlay = Map.of();
        Optional<String> overlayDisplay = Optional.empty();
        if (dest.isPresent()) {
            Path overlayFile = overlayPath(base, dest.get());
            overlayDisplay = Optional.of(display(projectDir, overlayFile));
            if (!Files.isRegularFile(overlayFile)) {
                throw new ConfigException(overlayDisplay.get(), "", "destination file not found for destination '"
                        + dest.get() + "'; create it (it may be empty) or fix -Dxamal.destination");
            }
            overlay = reader.read(overlayFile, overlayDisplay.get());
            files.add(overlayFile);
        }
        ConfigSources sources = new ConfigSources(baseDisplay, overlayDisplay, overlay);
        return new ConfigModelReader(sources, dest, files).read(DeepMerge.merge(baseMap, overlay));
    }

    /** The overlay file of a destination: {@code xamal.yml} becomes {@code xamal.<destination>.yml}. */
    public static Path overlayPath(Path base, String destination) {
        String name = base.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String overlayName = dot < 0 ? name + "." + destination : name.substring(0, dot) + "." + destination
                + name.substring(dot);
        return base.resolveSibling(overlayName);
    }

    private static String display(Path projectDir, Path file) {
        Path absoluteProject = projectDir.toAbsolutePath().normalize();
        Path absoluteFile = file.toAbsolutePath().normalize();
        if (absoluteFile.startsWith(absoluteProject)) {
            return absoluteProject.relativize(absoluteFile).toString().replace('\\', '/');
        }
        return absoluteFile.toString();
    }
}
