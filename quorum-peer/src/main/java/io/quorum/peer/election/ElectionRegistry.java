package io.quorum.peer.election;

import io.quorum.api.election.ElectionProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The election algorithms installed in this peer, indexed by name and by ZooKeeper's
 * {@code electionAlg} number: the built-in ones on the class path, and one per jar of the plugin
 * directory, each jar in a class loader of its own ({@link PluginClassLoader}). The only place
 * that asks {@link ServiceLoader} for providers, so that duplicate and malformed registrations
 * are caught once, with both culprits (and the jars they came from) named.
 */
public final class ElectionRegistry {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private final List<ElectionProvider> providers;
    private final Map<String, ElectionProvider> byName = new HashMap<>();
    private final Map<Integer, ElectionProvider> byLegacyId = new HashMap<>();

    /**
     * @throws IllegalStateException if a provider has a malformed name, or two providers share a
     *     name or an electionAlg number
     */
    public ElectionRegistry(Collection<? extends ElectionProvider> providers) {
        List<ElectionProvider> sorted = new ArrayList<>(providers);
        sorted.sort(Comparator.comparing(ElectionRegistry::sortKey));
        sorted.forEach(this::index);
        this.providers = List.copyOf(sorted);
    }

    /** Every provider that {@link ServiceLoader} finds through the given class loader. */
    public static ElectionRegistry fromClassLoader(ClassLoader loader) {
        return new ElectionRegistry(builtIn(loader));
    }

    /**
     * The algorithms a peer or the {@code quorum} command can select: those on the class path of
     * this module's class loader and, if {@link PluginDirectory#fromSystemProperty()} names one,
     * those of the plugin directory.
     *
     * @throws IllegalStateException as {@link #load}
     */
    public static ElectionRegistry installed() {
        return load(ElectionRegistry.class.getClassLoader(), PluginDirectory.fromSystemProperty());
    }

    /**
     * The providers {@code loader} finds, plus one per jar in {@code pluginDir}: every
     * {@code *.jar} directly in it, in name order, each in its own class loader that sees the
     * JDK, quorum-api (from the loader that holds this registry's {@link ElectionProvider}) and
     * the jar. Other files are ignored.
     *
     * @throws IllegalStateException naming the directory if it is not one, or naming the jar if a
     *     jar cannot be read, lists no provider, or a provider it lists cannot be made; and, as
     *     the constructor, if two providers (jars named) claim one name or number
     */
    public static ElectionRegistry load(ClassLoader loader, Optional<Path> pluginDir) {
        List<ElectionProvider> found = builtIn(loader);
        if (pluginDir.isPresent()) {
            for (Path jar : pluginJars(pluginDir.get())) {
                found.addAll(fromJar(jar, ElectionProvider.class.getClassLoader()));
            }
        }
        return new ElectionRegistry(found);
    }

    private static List<ElectionProvider> builtIn(ClassLoader loader) {
        List<ElectionProvider> found = new ArrayList<>();
        ServiceLoader.load(ElectionProvider.class, loader).forEach(found::add);
        return found;
    }

    private static List<Path> pluginJars(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("the election plugin directory " + dir + " is not a directory");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(path -> path.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the election plugin directory " + dir, e);
        }
    }

    /** The providers one plugin jar lists; the jar's loader stays open as long as they live. */
    private static List<ElectionProvider> fromJar(Path jar, ClassLoader apiLoader) {
        PluginClassLoader pluginLoader;
        try {
            pluginLoader = new PluginClassLoader(jar, jar.toUri().toURL(), apiLoader);
        } catch (MalformedURLException e) {
            throw new IllegalStateException("election plugin " + jar + " has no usable path: " + e.getMessage(), e);
        }
        List<ElectionProvider> found = new ArrayList<>();
        try {
            ServiceLoader.load(ElectionProvider.class, pluginLoader).forEach(found::add);
        } catch (ServiceConfigurationError | LinkageError e) {
            closeQuietly(pluginLoader);
            throw new IllegalStateException("election plugin " + jar + " cannot be loaded: " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            closeQuietly(pluginLoader);
            throw new IllegalStateException("election plugin " + jar + " lists no election provider in META-INF/services/"
                    + ElectionProvider.class.getName() + " (is it a plugin jar?)");
        }
        return found;
    }

    private static void closeQuietly(PluginClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            // Closing only releases the jar file; the error being reported matters more.
        }
    }

    /** The installed providers, the numbered ones first in number order, then by name. */
    public List<ElectionProvider> providers() {
        return providers;
    }

    /** The provider an {@code electionAlg} value names: a number (0-3) or a name. */
    public Optional<ElectionProvider> find(String electionAlg) {
        String key = electionAlg.trim();
        if (isNumber(key)) {
            return Optional.ofNullable(byLegacyId.get(Integer.parseInt(key)));
        }
        return Optional.ofNullable(byName.get(key));
    }

    /**
     * The provider an {@code electionAlg} value names.
     *
     * @throws UnknownElectionAlgorithmException naming the value, what is installed and, for a
     *     near miss, the likely intended name
     */
    public ElectionProvider select(String electionAlg) {
        return find(electionAlg).orElseThrow(() -> new UnknownElectionAlgorithmException(unknownMessage(electionAlg)));
    }

    /** Each provider as {@code 3 (fast)} or {@code raft} for plugins without a number. */
    public String describeAvailable() {
        if (providers.isEmpty()) {
            return "none (no election module is on the class path)";
        }
        return providers.stream().map(ElectionRegistry::describe).collect(Collectors.joining(", "));
    }

    private String unknownMessage(String electionAlg) {
        String message = "electionAlg=" + electionAlg + " names no installed election algorithm; available: "
                + describeAvailable();
        return closestName(electionAlg.trim())
                .map(name -> message + ". Did you mean '" + name + "'?")
                .orElse(message);
    }

    private Optional<String> closestName(String wanted) {
        if (isNumber(wanted)) {
            return Optional.empty();
        }
        return byName.keySet().stream()
                .filter(name -> EditDistance.between(name, wanted) <= 2)
                .min(Comparator.comparingInt((String name) -> EditDistance.between(name, wanted)).thenComparing(name -> name));
    }

    private void index(ElectionProvider provider) {
        String name;
        try {
            name = provider.name();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("election provider " + origin(provider) + " failed to give its name: " + e, e);
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalStateException("election provider " + origin(provider) + " has an invalid name '" + name
                    + "': use lower-case letters, digits and dashes, starting with a letter");
        }
        ElectionProvider clash = byName.putIfAbsent(name, provider);
        if (clash != null) {
            throw duplicate("name '" + name + "'", clash, provider);
        }
        legacyId(provider).ifPresent(id -> {
            ElectionProvider other = byLegacyId.putIfAbsent(id, provider);
            if (other != null) {
                throw duplicate("electionAlg number " + id, other, provider);
            }
        });
    }

    private static java.util.OptionalInt legacyId(ElectionProvider provider) {
        try {
            return provider.legacyId();
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("election provider " + origin(provider) + " failed to give its number: " + e, e);
        }
    }

    private static IllegalStateException duplicate(String what, ElectionProvider first, ElectionProvider second) {
        return new IllegalStateException("two election providers claim " + what + ": " + origin(first) + " and " + origin(second));
    }

    /** The provider's class and the jar or directory it was loaded from, for error messages. */
    static String origin(ElectionProvider provider) {
        Class<?> type = provider.getClass();
        var source = type.getProtectionDomain().getCodeSource();
        return type.getName() + (source == null || source.getLocation() == null ? "" : " (" + location(source.getLocation()) + ")");
    }

    /** A file URL as the path an operator would type; other URLs as they are. */
    private static String location(java.net.URL url) {
        try {
            return "file".equals(url.getProtocol()) ? Path.of(url.toURI()).toString() : url.toString();
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return url.toString();
        }
    }

    private static String describe(ElectionProvider provider) {
        return provider.legacyId().isPresent()
                ? provider.legacyId().getAsInt() + " (" + provider.name() + ")"
                : provider.name();
    }

    private static String sortKey(ElectionProvider provider) {
        return provider.legacyId().isPresent()
                ? String.format("0-%010d", provider.legacyId().getAsInt())
                : "1-" + provider.name();
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.length() <= 9 && text.chars().allMatch(Character::isDigit);
    }
}
