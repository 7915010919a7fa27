package io.quorum.peer.election;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * The class loader of one plugin jar (Trino's isolation): it sees the JDK, the election SPI
 * ({@code io.quorum.api}, from the loader that holds quorum-api) and its own jar, and nothing of
 * the peer, its libraries or other plugins. Two plugins may so bundle different versions of a
 * library, and a plugin cannot come to depend on the peer's internals by accident.
 */
final class PluginClassLoader extends URLClassLoader {
    private static final String API_PACKAGE = "io.quorum.api.";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader apiLoader;
    private final Path jar;

    PluginClassLoader(Path jar, URL url, ClassLoader apiLoader) {
        super("plugin " + jar.getFileName(), new URL[] {url}, ClassLoader.getPlatformClassLoader());
        this.apiLoader = apiLoader;
        this.jar = jar;
    }

    Path jar() {
        return jar;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith(API_PACKAGE)) {
            return apiLoader.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
