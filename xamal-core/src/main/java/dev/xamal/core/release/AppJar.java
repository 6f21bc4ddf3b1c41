package dev.xamal.core.release;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * What the application jar says about itself: its {@code Main-Class}, and whether it is a fat jar
 * that carries its dependencies as nested jars (Spring Boot's {@code BOOT-INF/lib}, a war's
 * {@code WEB-INF/lib}, or any {@code .jar} inside it) and so must be started with {@code -jar}.
 *
 * @param path            the jar
 * @param mainClass       its manifest's {@code Main-Class}, if any
 * @param startClass      its manifest's {@code Start-Class} (the application class behind a fat jar's loader)
 * @param nestedJars      entry names of the jars inside it, sorted
 * @param classDirectories entry-name prefixes under which a fat jar keeps the application's own
 *                        classes ({@code BOOT-INF/classes/}, {@code WEB-INF/classes/})
 * @param propertiesLauncher the class of Spring Boot's {@code PropertiesLauncher} inside it, which
 *                        can start any main class ({@code -Dloader.main}), if present
 */
public record AppJar(Path path, Optional<String> mainClass, Optional<String> startClass, List<String> nestedJars,
                     List<String> classDirectories, Optional<String> propertiesLauncher) {

    private static final List<String> CLASS_DIRECTORIES = List.of("BOOT-INF/classes/", "WEB-INF/classes/");
    private static final List<String> PROPERTIES_LAUNCHERS = List.of(
            "org.springframework.boot.loader.launch.PropertiesLauncher",
            "org.springframework.boot.loader.PropertiesLauncher");

    public AppJar {
        nestedJars = List.copyOf(nestedJars);
        classDirectories = List.copyOf(classDirectories);
    }

    /** Reads the jar's manifest and entry list. */
    public static AppJar inspect(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new UsageException("the application jar " + jar + " does not exist: build it first "
                    + "(mvn package xamal:build)");
        }
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Manifest manifest = file.getManifest();
            Attributes attributes = manifest == null ? new Attributes() : manifest.getMainAttributes();
            List<String> nested = new ArrayList<>();
            List<String> classDirs = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                names.add(entry.getName());
                if (!entry.isDirectory() && entry.getName().endsWith(".jar")) {
                    nested.add(entry.getName());
                }
            }
            for (String dir : CLASS_DIRECTORIES) {
                if (names.stream().anyMatch(n -> n.startsWith(dir) && n.endsWith(".class"))) {
                    classDirs.add(dir);
                }
            }
            Collections.sort(nested);
            Optional<String> launcher = PROPERTIES_LAUNCHERS.stream()
                    .filter(c -> names.contains(c.replace('.', '/') + ".class"))
                    .findFirst();
            return new AppJar(jar, attribute(attributes, "Main-Class"), attribute(attributes, "Start-Class"),
                    nested, classDirs, launcher);
        } catch (IOException e) {
            throw new UsageException("the application jar " + jar + " cannot be read as a jar: " + e.getMessage(), e);
        }
    }

    /** A fat jar: it carries jars inside it and is started with {@code java -jar}. */
    public boolean fat() {
        return !nestedJars.isEmpty();
    }

    /**
     * Unpacks what jdeps must see of a fat jar into {@code directory}: the nested jars, and the
     * application classes as a plain class tree. Returns the paths to analyse.
     */
    public List<Path> unpackForAnalysis(Path directory) {
        List<Path> inputs = new ArrayList<>();
        try (JarFile file = new JarFile(path.toFile(), false)) {
            Path classes = directory.resolve("classes");
            Path lib = directory.resolve("lib");
            Files.createDirectories(classes);
            Files.createDirectories(lib);
            int index = 0;
            for (String name : nestedJars) {
                // Numbered, so nested jars with the same file name in different folders both count.
                Path target = lib.resolve(String.format("%04d-%s", index++, name.substring(name.lastIndexOf('/') + 1)));
                copy(file, name, target);
                inputs.add(target);
            }
            boolean anyClass = false;
            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                for (String dir : classDirectories) {
                    if (!entry.isDirectory() && entry.getName().startsWith(dir) && entry.getName().endsWith(".class")) {
                        Path target = classes.resolve(entry.getName().substring(dir.length())).normalize();
                        if (!target.startsWith(classes)) {
                            throw new UsageException("the application jar " + path + " has an entry that leaves "
                                    + "its folder: " + entry.getName());
                        }
                        Files.createDirectories(target.getParent());
                        copy(file, entry.getName(), target);
                        anyClass = true;
                    }
                }
            }
            if (anyClass) {
                inputs.add(0, classes);
            }
        } catch (IOException e) {
            throw new EnvironmentException("could not unpack " + path + " into " + directory + ": " + e.getMessage(), e);
        }
        if (classDirectories.isEmpty()) {
            inputs.add(0, path);
        }
        return inputs;
    }

    private static void copy(JarFile file, String name, Path target) throws IOException {
        try (InputStream in = file.getInputStream(file.getEntry(name))) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Optional<String> attribute(Attributes attributes, String name) {
        String value = attributes.getValue(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
