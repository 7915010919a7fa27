package io.quorum.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VoteTest {

    @Test
    void initialVoteProposesItselfWhileLooking() {
        Vote vote = Vote.initial(3, Zxid.of(1, 6), 1);

        assertThat(vote.leader()).isEqualTo(3);
        assertThat(vote.zxid()).isEqualTo(0x1_0000_0006L);
        assertThat(vote.peerEpoch()).isEqualTo(1);
        assertThat(vote.electionEpoch()).isZero();
        assertThat(vote.state()).isEqualTo(ServerState.LOOKING);
        assertThat(vote.version()).isEqualTo(Vote.CURRENT_VERSION);
    }

    @Test
    void sameProposalIgnoresRoundStateAndVersion() {
        Vote a = new Vote(2, 7, 1, 1, ServerState.LOOKING, 1);
        Vote b = new Vote(2, 7, 5, 1, ServerState.FOLLOWING, 2);

        assertThat(a.sameProposal(b)).isTrue();
        assertThat(a).isNotEqualTo(b);
        assertThat(a.sameProposal(new Vote(2, 8, 1, 1, ServerState.LOOKING, 1))).isFalse();
        assertThat(a.sameProposal(new Vote(2, 7, 1, 2, ServerState.LOOKING, 1))).isFalse();
        assertThat(a.sameProposal(new Vote(3, 7, 1, 1, ServerState.LOOKING, 1))).isFalse();
    }

    @Test
    void withersChangeOneFieldOnly() {
        Vote vote = Vote.initial(1, 0, 0);

        assertThat(vote.withElectionEpoch(4)).isEqualTo(new Vote(1, 0, 4, 0, ServerState.LOOKING, 2));
        assertThat(vote.withState(ServerState.LEADING)).isEqualTo(new Vote(1, 0, 0, 0, ServerState.LEADING, 2));
    }

    @Test
    void printsZxidsInHex() {
        assertThat(new Vote(1, 0x1_0000_0006L, 2, 1, ServerState.LEADING, 2).toString())
                .contains("zxid=0x100000006", "state=LEADING");
    }

    @Test
    void stateIsRequired() {
        assertThatThrownBy(() -> new Vote(1, 0, 0, 0, null, 0)).isInstanceOf(NullPointerException.class);
    }
}
