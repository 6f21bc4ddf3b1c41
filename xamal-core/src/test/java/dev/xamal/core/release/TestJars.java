package dev.xamal.core.release;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/** Builds small jars for tests: compiles Java sources in memory and writes reproducible jars. */
final class TestJars {
    private static final long ENTRY_TIME = 315532800000L + 86_400_000L; // 1980-01-02

    private TestJars() {
    }

    /** Compiles {@code sources} (class name to source) against {@code classPath}; returns entry name to bytes. */
    static Map<String, byte[]> compile(Map<String, String> sources, List<Path> classPath) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        Map<String, ByteArrayOutputStream> out = new TreeMap<>();
        List<SimpleJavaFileObject> units = new ArrayList<>();
        sources.forEach((name, code) -> units.add(new SimpleJavaFileObject(
                URI.create("string:///" + name.replace('.', '/') + ".java"), javax.tools.JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        }));
        var fileManager = new javax.tools.ForwardingJavaFileManager<>(compiler.getStandardFileManager(null, null, null)) {
            @Override
            public javax.tools.JavaFileObject getJavaFileForOutput(Location location, String className,
                    javax.tools.JavaFileObject.Kind kind, javax.tools.FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                        out.put(className.replace('.', '/') + ".class", bytes);
                        return bytes;
                    }
                };
            }
        };
        List<String> options = new ArrayList<>(List.of("--release", "17"));
        if (!classPath.isEmpty()) {
            options.add("-cp");
            options.add(String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        }
        Boolean ok = compiler.getTask(null, fileManager, null, options, null, units).call();
        if (!ok) {
            throw new IllegalStateException("test sources did not compile");
        }
        Map<String, byte[]> classes = new TreeMap<>();
        out.forEach((k, v) -> classes.put(k, v.toByteArray()));
        return classes;
    }

    /** Writes a jar with fixed entry times; {@code mainClass} may be null. */
    static Path jar(Path file, Map<String, String> attributes, Map<String, byte[]> entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach((k, v) -> manifest.getMainAttributes().putValue(k, v));
        Files.createDirectories(file.getParent());
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(file))) {
            JarEntry m = new JarEntry("META-INF/MANIFEST.MF");
            m.setTime(ENTRY_TIME);
            jar.putNextEntry(m);
            manifest.write(jar);
            jar.closeEntry();
            for (var e : new TreeMap<>(entries).entrySet()) {
                JarEntry entry = new JarEntry(e.getKey());
                entry.setTime(ENTRY_TIME);
                jar.putNextEntry(entry);
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return file;
    }

    /** Compiles and jars in one go. */
    static Path compileJar(Path file, Map<String, String> attributes, Map<String, String> sources, List<Path> classPath)
            throws IOException {
        return jar(file, attributes, compile(sources, classPath));
    }

    /** Prefixes every entry name. */
    static Map<String, byte[]> under(String prefix, Map<String, byte[]> entries) {
        Map<String, byte[]> result = new TreeMap<>();
        entries.forEach((k, v) -> result.put(prefix + k, v));
        return result;
    }

    /**
     * The loader of a Spring Boot-style fat jar: unpacks {@code BOOT-INF/lib/*.jar} and
     * {@code BOOT-INF/classes/} to a temporary folder and runs the manifest's {@code Start-Class}.
     */
    static final String FAT_LOADER = """
            package fatloader;
            import java.io.*; import java.net.*; import java.nio.file.*; import java.util.*; import java.util.jar.*;
            public class Loader {
                public static void main(String[] args) throws Exception {
                    Path self = Path.of(Loader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                    Path dir = Files.createTempDirectory("fat");
                    List<URL> urls = new ArrayList<>();
                    urls.add(Files.createDirectories(dir.resolve("classes")).toUri().toURL());
                    String start;
                    try (JarFile jar = new JarFile(self.toFile())) {
                        start = jar.getManifest().getMainAttributes().getValue("Start-Class");
                        for (JarEntry e : Collections.list(jar.entries())) {
                            String n = e.getName();
                            if (e.isDirectory()) continue;
                            Path target = null;
                            if (n.startsWith("BOOT-INF/lib/")) { target = dir.resolve("lib").resolve(n.substring(13)); urls.add(target.toUri().toURL()); }
                            else if (n.startsWith("BOOT-INF/classes/")) target = dir.resolve("classes").resolve(n.substring(17));
                            if (target == null) continue;
                            Files.createDirectories(target.getParent());
                            try (InputStream in = jar.getInputStream(e)) { Files.copy(in, target); }
                        }
                    }
                    URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
                    Thread.currentThread().setContextClassLoader(loader);
                    loader.loadClass(start).getMethod("main", String[].class).invoke(null, (Object) args);
                }
            }
            """;
}
