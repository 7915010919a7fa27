package io.quorum.peer.election;

import io.quorum.api.election.ElectionContext;
import io.quorum.api.election.ElectionCore;
import io.quorum.api.election.ElectionProvider;
import io.quorum.api.election.Endpoint;
import java.util.OptionalInt;
import java.util.Set;

/** A provider that only carries a name and a number: the registry never makes cores. */
class TestingProvider implements ElectionProvider {
    private final String name;
    private final OptionalInt legacyId;

    TestingProvider(String name, OptionalInt legacyId) {
        this.name = name;
        this.legacyId = legacyId;
    }

    static TestingProvider numbered(int id, String name) {
        return new TestingProvider(name, OptionalInt.of(id));
    }

    static TestingProvider named(String name) {
        return new TestingProvider(name, OptionalInt.empty());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public OptionalInt legacyId() {
        return legacyId;
    }

    @Override
    public Set<Endpoint> endpoints() {
        return Set.of(Endpoint.ELECTION_TCP);
    }

    @Override
    public ElectionCore newCore(ElectionContext context) {
        throw new UnsupportedOperationException("the registry tests never start an election");
    }

    /** Found through META-INF/services in the test resources. */
    public static final class Plugin extends TestingProvider {
        public Plugin() {
            super("testing-plugin", OptionalInt.empty());
        }
    }

    /** Found through META-INF/services in the test resources, with an electionAlg number. */
    public static final class Numbered extends TestingProvider {
        public Numbered() {
            super("testing-numbered", OptionalInt.of(9));
        }
    }
}
