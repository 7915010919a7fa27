package io.quorum.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerStateTest {

    @Test
    void wireValuesAreZooKeepersOrdinals() {
        assertThat(ServerState.LOOKING.wireValue()).isZero();
        assertThat(ServerState.FOLLOWING.wireValue()).isEqualTo(1);
        assertThat(ServerState.LEADING.wireValue()).isEqualTo(2);
        assertThat(ServerState.OBSERVING.wireValue()).isEqualTo(3);
    }

    @Test
    void unknownWireValuesAreEmptyNotExceptions() {
        assertThat(ServerState.fromWire(2)).contains(ServerState.LEADING);
        assertThat(ServerState.fromWire(4)).isEmpty();
        assertThat(ServerState.fromWire(-1)).isEmpty();
        assertThat(ServerState.fromWire(Integer.MIN_VALUE)).isEmpty();
    }

    @Test
    void learnerTypesParseAsZooCfgWritesThem() {
        assertThat(LearnerType.fromConfigName(" Observer ")).contains(LearnerType.OBSERVER);
        assertThat(LearnerType.fromConfigName("participant")).contains(LearnerType.PARTICIPANT);
        assertThat(LearnerType.fromConfigName("witness")).isEmpty();
        assertThat(LearnerType.OBSERVER.configName()).isEqualTo("observer");
    }
}
