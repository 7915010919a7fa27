package io.quorum.peer.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quorum.api.election.ElectionProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin jars in a directory, loaded by {@link ElectionRegistry#load}: each in a class loader of
 * its own that sees quorum-api and the jar, and every bad jar named in the error.
 */
class PluginDirectoryTest {
    private static final String PLUGIN = TestingProvider.Plugin.class.getName();
    private static final String NUMBERED = TestingProvider.Numbered.class.getName();

    @TempDir
    Path plugins;

    /** A loader for the built-ins that holds quorum-api and nothing else: it finds no algorithm. */
    private final URLClassLoader apiOnly = new URLClassLoader(
            new URL[] {ElectionProvider.class.getProtectionDomain().getCodeSource().getLocation()},
            ClassLoader.getPlatformClassLoader());

    @AfterEach
    void closeLoader() throws IOException {
        apiOnly.close();
    }

    @Test
    void eachJarIsLoadedInAClassLoaderOfItsOwnThatSeesTheApi() throws IOException {
        PluginJars.write(plugins.resolve("one.jar"), PluginJars.testingPlugin(), PLUGIN + "\n");
        PluginJars.write(plugins.resolve("two.jar"), PluginJars.testingPlugin(), "# numbered\n" + NUMBERED + "\n");
        Files.writeString(plugins.resolve("README.txt"), "not a jar, ignored");

        ElectionRegistry registry = ElectionRegistry.load(apiOnly, Optional.of(plugins));

        ElectionProvider plugin = registry.select("testing-plugin");
        ElectionProvider numbered = registry.select("9");
        assertThat(registry.describeAvailable()).isEqualTo("9 (testing-numbered), testing-plugin");
        // Not this class path's class, and not the other jar's: one loader per jar.
        assertThat(plugin.getClass()).isNotEqualTo(TestingProvider.Plugin.class);
        assertThat(plugin.getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class)
                .isNotSameAs(numbered.getClass().getClassLoader());
        assertThat(((PluginClassLoader) plugin.getClass().getClassLoader()).jar()).isEqualTo(plugins.resolve("one.jar"));
        // The SPI is shared: the jar's provider is this class path's ElectionProvider.
        assertThat(plugin).isInstanceOf(ElectionProvider.class);
    }

    @Test
    void aPluginSeesTheApiButNothingOfThePeer() throws Exception {
        PluginJars.write(plugins.resolve("one.jar"), PluginJars.testingPlugin(), PLUGIN + "\n");

        ClassLoader loader = ElectionRegistry.load(apiOnly, Optional.of(plugins)).select("testing-plugin").getClass()
                .getClassLoader();

        assertThat(loader.loadClass(ElectionProvider.class.getName())).isSameAs(ElectionProvider.class);
        assertThatThrownBy(() -> loader.loadClass(ElectionRegistry.class.getName()))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> loader.loadClass("org.slf4j.Logger")).isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void twoJarsClaimingOneNameAreAnErrorNamingBothJars() throws IOException {
        Path first = PluginJars.write(plugins.resolve("a-raft.jar"), PluginJars.testingPlugin(), PLUGIN);
        Path second = PluginJars.write(plugins.resolve("b-raft.jar"), PluginJars.testingPlugin(), PLUGIN);

        assertThatThrownBy(() -> ElectionRegistry.load(apiOnly, Optional.of(plugins)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two election providers claim name 'testing-plugin'")
                .hasMessageContaining(first.toString())
                .hasMessageContaining(second.toString());
    }

    @Test
    void aPluginClaimingABuiltInNumberIsAnErrorNamingBothPlaces() throws IOException {
        Path jar = PluginJars.write(plugins.resolve("nine.jar"), PluginJars.testingPlugin(), NUMBERED);

        // This class path's services list testing-numbered (9) as a built-in.
        assertThatThrownBy(() -> ElectionRegistry.load(getClass().getClassLoader(), Optional.of(plugins)))
                .hasMessageContaining("two election providers claim")
                .hasMessageContaining(jar.toString())
                .hasMessageContaining("test-classes");
    }

    @Test
    void aJarWithoutAProviderIsNamed() throws IOException {
        Path jar = PluginJars.write(plugins.resolve("library.jar"), PluginJars.testingPlugin(), null);

        assertThatThrownBy(() -> ElectionRegistry.load(apiOnly, Optional.of(plugins)))
                .hasMessage("election plugin " + jar + " lists no election provider in " + PluginJars.SERVICES
                        + " (is it a plugin jar?)");
    }

    @Test
    void aProviderThatIsNotInItsJarIsNamed() throws IOException {
        Path jar = PluginJars.write(plugins.resolve("broken.jar"), List.of(), "com.example.Missing\n");

        assertThatThrownBy(() -> ElectionRegistry.load(apiOnly, Optional.of(plugins)))
                .hasMessageStartingWith("election plugin " + jar + " cannot be loaded: ")
                .hasMessageContaining("com.example.Missing");
    }

    @Test
    void aCorruptJarIsNamed() throws IOException {
        Path jar = Files.write(plugins.resolve("corrupt.jar"), new byte[] {1, 2, 3, 4, 5});

        assertThatThrownBy(() -> ElectionRegistry.load(apiOnly, Optional.of(plugins)))
                .hasMessageStartingWith("election plugin " + jar);
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path missing = plugins.resolve("absent");

        assertThatThrownBy(() -> ElectionRegistry.load(apiOnly, Optional.of(missing)))
                .hasMessage("the election plugin directory " + missing + " is not a directory");
    }

    @Test
    void withoutADirectoryOnlyTheClassPathCounts() {
        assertThat(ElectionRegistry.load(getClass().getClassLoader(), Optional.empty()).describeAvailable())
                .isEqualTo("3 (fast), 9 (testing-numbered), testing-plugin");
    }
}
