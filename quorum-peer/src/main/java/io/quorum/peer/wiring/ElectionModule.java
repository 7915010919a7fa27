package io.quorum.peer.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.quorum.api.election.ElectionProvider;
import io.quorum.peer.config.QuorumPeerConfig;
import io.quorum.peer.election.ElectionRegistry;
import io.quorum.peer.ops.ElectionAlgorithm;
import java.util.Set;

/**
 * Every election algorithm the registry found, in a {@link Multibinder}, and the one the
 * configuration's {@code electionAlg} selects. An unknown value fails the injector with the
 * registry's message, which lists what is installed.
 */
public final class ElectionModule extends AbstractModule {
    private final ElectionRegistry registry;

    public ElectionModule(ElectionRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void configure() {
        Multibinder<ElectionProvider> installed = Multibinder.newSetBinder(binder(), ElectionProvider.class);
        registry.providers().forEach(provider -> installed.addBinding().toInstance(provider));
    }

    @Provides
    @Singleton
    ElectionProvider selected(QuorumPeerConfig config, Set<ElectionProvider> installed) {
        return new ElectionRegistry(installed).select(config.electionAlg());
    }

    @Provides
    @Singleton
    ElectionAlgorithm algorithm(ElectionProvider provider) {
        return provider.legacyId().isPresent()
                ? ElectionAlgorithm.numbered(provider.name(), provider.legacyId().getAsInt())
                : ElectionAlgorithm.named(provider.name());
    }
}
