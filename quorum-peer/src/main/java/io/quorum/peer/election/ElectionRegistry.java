package io.quorum.peer.election;

import io.quorum.api.election.ElectionProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The election algorithms installed in this peer, indexed by name and by ZooKeeper's
 * {@code electionAlg} number. The only place that asks {@link ServiceLoader} for providers, so
 * that duplicate and malformed registrations are caught once, with both culprits named.
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
        List<ElectionProvider> found = new ArrayList<>();
        ServiceLoader.load(ElectionProvider.class, loader).forEach(found::add);
        return new ElectionRegistry(found);
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
        String name = provider.name();
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalStateException("election provider " + origin(provider) + " has an invalid name '" + name
                    + "': use lower-case letters, digits and dashes, starting with a letter");
        }
        ElectionProvider clash = byName.putIfAbsent(name, provider);
        if (clash != null) {
            throw duplicate("name '" + name + "'", clash, provider);
        }
        provider.legacyId().ifPresent(id -> {
            ElectionProvider other = byLegacyId.putIfAbsent(id, provider);
            if (other != null) {
                throw duplicate("electionAlg number " + id, other, provider);
            }
        });
    }

    private static IllegalStateException duplicate(String what, ElectionProvider first, ElectionProvider second) {
        return new IllegalStateException("two election providers claim " + what + ": " + origin(first) + " and " + origin(second));
    }

    /** The provider's class and the jar or directory it was loaded from, for error messages. */
    static String origin(ElectionProvider provider) {
        Class<?> type = provider.getClass();
        var source = type.getProtectionDomain().getCodeSource();
        return type.getName() + (source == null || source.getLocation() == null ? "" : " (" + source.getLocation() + ")");
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
