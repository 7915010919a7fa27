package io.quorum.api.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuorumViewTest {

    private static QuorumServer participant(long id) {
        return QuorumServer.participant(id, new PeerAddress("127.0.0.1", 2000 + (int) id), new PeerAddress("127.0.0.1", 3000 + (int) id));
    }

    private static QuorumServer observer(long id) {
        return QuorumServer.observer(id, new PeerAddress("127.0.0.1", 2000 + (int) id), new PeerAddress("127.0.0.1", 3000 + (int) id));
    }

    @Test
    void observersAreInTheViewButDoNotVote() {
        QuorumView view = QuorumView.majority(List.of(participant(1), participant(2), participant(3), observer(4)));

        assertThat(view.servers()).extracting(QuorumServer::id).containsExactly(1L, 2L, 3L, 4L);
        assertThat(view.votingMembers()).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(view.isVoter(4)).isFalse();
        assertThat(view.contains(4)).isTrue();
        assertThat(view.verifier().containsQuorum(List.of(1L, 4L))).isFalse();
    }

    @Test
    void refusesDuplicateIds() {
        assertThatThrownBy(() -> QuorumView.majority(List.of(participant(1), participant(1))))
                .hasMessageContaining("server id 1 appears twice");
    }

    @Test
    void refusesAVerifierThatCountsOtherServers() {
        assertThatThrownBy(() -> new QuorumView(List.of(participant(1), observer(2)), new MajorityVerifier(List.of(1L, 2L))))
                .hasMessageContaining("[1, 2]")
                .hasMessageContaining("participants are [1]");
    }

    @Test
    void addressesPrintAsZooCfgWritesThem() {
        assertThat(new PeerAddress("::1", 2888)).hasToString("[::1]:2888");
        assertThat(new PeerAddress("zoo1", 3888)).hasToString("zoo1:3888");
        assertThatThrownBy(() -> new PeerAddress("zoo1", 65_536)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> new PeerAddress(" ", 1)).hasMessageContaining("blank");
    }
}
