package io.quorum.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ZxidTest {

    @Test
    void splitsEpochAndCounter() {
        long zxid = 0x1_0000_0006L;

        assertThat(Zxid.epochOf(zxid)).isEqualTo(1);
        assertThat(Zxid.counterOf(zxid)).isEqualTo(6);
        assertThat(Zxid.of(1, 6)).isEqualTo(zxid);
    }

    @Test
    void counterIsTruncatedToThirtyTwoBits() {
        assertThat(Zxid.of(2, 0x1_0000_0001L)).isEqualTo(Zxid.of(2, 1));
        assertThat(Zxid.counterOf(Zxid.of(3, 0xFFFF_FFFFL))).isEqualTo(0xFFFF_FFFFL);
        assertThat(Zxid.epochOf(Zxid.of(3, 0xFFFF_FFFFL))).isEqualTo(3);
    }

    @Test
    void epochIsAnArithmeticShiftSoSpecialValuesKeepTheirSign() {
        assertThat(Zxid.epochOf(Zxid.NONE)).isEqualTo(-1);
        assertThat(Zxid.epochOf(Zxid.OBSERVER_VOTE)).isEqualTo(Integer.MIN_VALUE);
        assertThat(Zxid.epochOf(Zxid.ZERO)).isZero();
    }

    @Test
    void zxidsOfALaterEpochAreGreaterWhateverTheirCounter() {
        assertThat(Zxid.of(2, 0)).isGreaterThan(Zxid.of(1, 0xFFFF_FFFFL));
    }

    @Test
    void nextStaysInTheEpochAndRefusesToWrap() {
        assertThat(Zxid.next(Zxid.of(4, 9))).isEqualTo(Zxid.of(4, 10));
        assertThat(Zxid.firstOfEpoch(5)).isEqualTo(Zxid.of(5, 0));
        assertThatThrownBy(() -> Zxid.next(Zxid.of(4, 0xFFFF_FFFFL)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("epoch 4");
    }

    @Test
    void printsAndParsesHexAsZooKeeperNamesFiles() {
        assertThat(Zxid.toHex(0x1_0000_0006L)).isEqualTo("0x100000006");
        assertThat(Zxid.toHex(0)).isEqualTo("0x0");
        assertThat(Zxid.toHex(Zxid.NONE)).isEqualTo("0xffffffffffffffff");
        assertThat(Zxid.parseHex("0x100000006")).isEqualTo(0x1_0000_0006L);
        assertThat(Zxid.parseHex("ffffffffffffffff")).isEqualTo(-1L);
    }
}
