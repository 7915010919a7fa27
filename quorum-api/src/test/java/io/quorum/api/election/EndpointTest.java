package io.quorum.api.election;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void alg0RequestsToTheQuorumPortLeaveFromTheEphemeralSocket() {
        Set<Endpoint> alg0 = EnumSet.of(Endpoint.QUORUM_UDP, Endpoint.EPHEMERAL_UDP);

        assertThat(Endpoint.QUORUM_UDP.sentFrom(alg0)).isEqualTo(Endpoint.EPHEMERAL_UDP);
    }

    @Test
    void everyOtherSendLeavesFromTheSocketOfTheSameEndpoint() {
        Set<Endpoint> all = EnumSet.allOf(Endpoint.class);

        assertThat(Endpoint.QUORUM_UDP.sentFrom(Set.of(Endpoint.QUORUM_UDP))).isEqualTo(Endpoint.QUORUM_UDP);
        assertThat(Endpoint.ELECTION_TCP.sentFrom(all)).isEqualTo(Endpoint.ELECTION_TCP);
        assertThat(Endpoint.ELECTION_UDP.sentFrom(all)).isEqualTo(Endpoint.ELECTION_UDP);
        assertThat(Endpoint.EPHEMERAL_UDP.sentFrom(all)).isEqualTo(Endpoint.EPHEMERAL_UDP);
    }
}
