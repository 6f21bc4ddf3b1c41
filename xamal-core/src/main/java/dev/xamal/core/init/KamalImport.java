package dev.xamal.core.init;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Converts a Kamal configuration and its destination files ({@code deploy.<dest>.yml} beside it)
 * into {@code config/xamal.yml} and {@code config/xamal.<dest>.yml}, never overwriting a file.
 */
public final class KamalImport {
    /** Where the converted base configuration goes. */
    public static final String TARGET = "config/xamal.yml";
    private static final Pattern DESTINATION_NAME = Pattern.compile("[a-z0-9_-]+");

    private KamalImport() {
    }

    /**
     * What happened to one Kamal file.
     *
     * @param source  the Kamal file, as given (relative to the project when it is inside it)
     * @param target  the xamal file, relative to the project directory
     * @param written false when the target existed and was kept
     * @param skipped the keys not carried over
     */
    public record Converted(String source, String target, boolean written, List<KamalConversion.Skipped> skipped) {
        public Converted {
            skipped = List.copyOf(skipped);
        }

        /** The lines shown to the user: what was written or kept, then each skipped key. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            lines.add(written ? "Converted " + source + " into " + target
                    : "Kept " + target + ": it already exists (remove it to convert " + source + " again)");
            if (written) {
                for (KamalConversion.Skipped skip : skipped) {
                    lines.add("  not carried over: " + skip.line());
                }
            }
            return lines;
        }
    }

    /**
     * Converts the Kamal file and its destination files.
     *
     * @param projectDir  the project directory; the targets are written under it
     * @param kamalConfig the Kamal base file, relative to the project directory or absolute
     * @throws UsageException when the file does not exist or is not a Kamal configuration
     */
    public static List<Converted> apply(Path projectDir, String kamalConfig) {
        Path base = projectDir.resolve(kamalConfig).normalize();
        if (!Files.isRegularFile(base)) {
            throw new UsageException("Kamal configuration " + kamalConfig + " not found; point -Dxamal.kamalConfig at"
                    + " your config/deploy.yml");
        }
        List<Converted> results = new ArrayList<>();
        results.add(convert(projectDir, base, TARGET, false));
        for (Destination destination : destinations(base)) {
            results.add(convert(projectDir, destination.file(), "config/xamal." + destination.name() + ".yml", true));
        }
        return results;
    }

    private record Destination(String name, Path file) {
    }

    /** The destination files beside the base file: {@code deploy.yml} has {@code deploy.<dest>.yml}. */
    private static List<Destination> destinations(Path base) {
        String name = base.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        String extension = dot < 0 ? "" : name.substring(dot);
        Pattern overlay = Pattern.compile(Pattern.quote(stem + ".") + "(.+)" + Pattern.quote(extension));
        try (Stream<Path> siblings = Files.list(base.toAbsolutePath().getParent())) {
            return siblings.sorted().flatMap(file -> {
                Matcher match = overlay.matcher(file.getFileName().toString());
                return match.matches() && DESTINATION_NAME.matcher(match.group(1)).matches() && Files.isRegularFile(file)
                        ? Stream.of(new Destination(match.group(1), file)) : Stream.empty();
            }).toList();
        } catch (IOException e) {
            throw new EnvironmentException("cannot list " + base.getParent() + ": " + e.getMessage(), e);
        }
    }

    private static Converted convert(Path projectDir, Path source, String target, boolean overlay) {
        String display = display(projectDir, source);
        Path targetFile = projectDir.resolve(target);
        try {
            KamalConversion conversion = KamalConfigConverter.convert(
                    Files.readString(source, StandardCharsets.UTF_8), display, overlay);
            if (Files.exists(targetFile)) {
                return new Converted(display, target, false, conversion.skipped());
            }
            Files.createDirectories(targetFile.getParent());
            Files.writeString(targetFile, conversion.yaml(), StandardCharsets.UTF_8);
            return new Converted(display, target, true, conversion.skipped());
        } catch (IOException e) {
            throw new EnvironmentException("cannot convert " + source + " into " + targetFile + ": " + e.getMessage(), e);
        }
    }

    private static String display(Path projectDir, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path project = projectDir.toAbsolutePath().normalize();
        return absolute.startsWith(project) ? project.relativize(absolute).toString() : absolute.toString();
    }
}
