package io.quorum.peer.election;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Writes real plugin jars for the registry tests: class files from this class path plus a services file. */
final class PluginJars {
    static final String SERVICES = "META-INF/services/io.quorum.api.election.ElectionProvider";

    private PluginJars() {
    }

    /**
     * A jar holding the class files of {@code classes} (as this class path has them) and, unless
     * {@code services} is null, a services file listing those lines.
     */
    static Path write(Path jar, List<Class<?>> classes, String services) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Class<?> type : classes) {
                String entry = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
            if (services != null) {
                out.putNextEntry(new JarEntry(SERVICES));
                out.write(services.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** The classes a jar needs to offer {@link TestingProvider.Plugin} ("testing-plugin"). */
    static List<Class<?>> testingPlugin() {
        return List.of(TestingProvider.class, TestingProvider.Plugin.class, TestingProvider.Numbered.class);
    }
}
