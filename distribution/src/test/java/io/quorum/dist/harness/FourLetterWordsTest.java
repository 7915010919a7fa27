package io.quorum.dist.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.quorum.dist.harness.FourLetterWords.Mode;
import org.junit.jupiter.api.Test;

/** The srvr parser, on answers as real peers write them. */
class FourLetterWordsTest {

    @Test
    void readsModeAndZxidOfAServingPeer() {
        String answer = """
                Zookeeper version: 3.9.5-1234, built on 2025-01-01 00:00 UTC
                Latency min/avg/max: 0/0.0/0
                Received: 1
                Sent: 0
                Connections: 1
                Outstanding: 0
                Zxid: 0x100000002
                Mode: follower
                Node count: 5
                """;

        FourLetterWords.Status status = FourLetterWords.parse(answer);

        assertThat(status.mode()).isEqualTo(Mode.FOLLOWER);
        assertThat(status.zxid()).hasValue(0x100000002L);
    }

    @Test
    void aLookingPeerIsNotServing() {
        String answer = "This ZooKeeper instance is not currently serving requests\n";

        assertThat(FourLetterWords.parse(answer).mode()).isEqualTo(Mode.NOT_SERVING);
    }

    @Test
    void anAnswerCutShortCountsAsUnreachable() {
        assertThat(FourLetterWords.parse("").mode()).isEqualTo(Mode.UNREACHABLE);
    }
}
