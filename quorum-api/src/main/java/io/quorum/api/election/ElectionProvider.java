package io.quorum.api.election;

import io.quorum.api.Vote;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * An election algorithm, found through {@link java.util.ServiceLoader}. A jar that depends on
 * quorum-api alone and lists its provider in
 * {@code META-INF/services/io.quorum.api.election.ElectionProvider} can be selected with
 * {@code electionAlg=<name>} in zoo.cfg once it is in the peer's plugin directory (the
 * distribution's {@code plugins/}, or zoo.cfg's {@code plugin.dir}). A provider needs a public
 * no-argument constructor, and may be asked for its name and sockets more than once.
 */
public interface ElectionProvider {

    /** The name {@code electionAlg=} selects it by: lower case letters, digits and dashes. */
    String name();

    /** ZooKeeper's {@code electionAlg} number for the historic algorithms; empty for plugins. */
    default OptionalInt legacyId() {
        return OptionalInt.empty();
    }

    /** The sockets the runtime must open for this algorithm. */
    Set<Endpoint> endpoints();

    /**
     * Which voter this algorithm elects when every voter is up and nothing fails: the greatest of
     * the voters' initial votes in this order, among those that may lead. The simulator checks
     * fault-free runs against it. Empty, the default, when the algorithm promises no particular
     * leader (randomised timeouts, for instance).
     */
    default Optional<Comparator<Vote>> faultFreeLeaderOrder() {
        return Optional.empty();
    }

    /**
     * A new core for one peer. Called once per peer start; the core lives as long as the peer.
     *
     * @throws IllegalArgumentException if a setting in {@code context.properties()} is invalid;
     *     the message, which should name the key, stops the peer
     */
    ElectionCore newCore(ElectionContext context);
}
