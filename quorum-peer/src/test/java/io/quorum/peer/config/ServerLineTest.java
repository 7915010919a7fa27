package io.quorum.peer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quorum.api.LearnerType;
import io.quorum.api.view.PeerAddress;
import io.quorum.api.view.QuorumServer;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerLineTest {

    @Test
    void parsesThePlainThreePartForm() throws ConfigException {
        QuorumServer server = ServerLine.parse("server.1", "zoo1:2888:3888");

        assertThat(server).isEqualTo(QuorumServer.participant(1, new PeerAddress("zoo1", 2888), new PeerAddress("zoo1", 3888)));
    }

    @Test
    void parsesAnObserver() throws ConfigException {
        QuorumServer server = ServerLine.parse("server.4", "zoo4:2888:3888:observer");

        assertThat(server.type()).isEqualTo(LearnerType.OBSERVER);
        assertThat(server.id()).isEqualTo(4);
    }

    @Test
    void keepsIpv6HostsWithoutBrackets() throws ConfigException {
        QuorumServer server = ServerLine.parse("server.1", "[::1]:2888:3888");

        assertThat(server.quorumAddress()).isEqualTo(new PeerAddress("::1", 2888));
        assertThat(server.electionAddress()).contains(new PeerAddress("::1", 3888));
    }

    @Test
    void acceptsAnIpv6HostWithAZone() throws ConfigException {
        assertThat(ServerLine.parse("server.1", "[fe80::1%eth0]:2888:3888").quorumAddress().host()).isEqualTo("fe80::1%eth0");
    }

    @Test
    void leavesTheElectionPortOutOfAQuorumPortOnlyLine() throws ConfigException {
        QuorumServer server = ServerLine.parse("server.1", "zoo1:2888");

        assertThat(server.electionAddress()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "zoo1:2888:3888;2181                  | 0.0.0.0   | 2181",
        "zoo1:2888:3888;127.0.0.1:2181        | 127.0.0.1 | 2181",
        "zoo1:2888:3888:observer;zoo1:2181    | zoo1      | 2181",
        "[::1]:2888:3888;[::1]:2181           | ::1       | 2181",
        "zoo1:2888:3888 ; 2181                | 0.0.0.0   | 2181"})
    void parsesTheClientPart(String value, String host, int port) throws ConfigException {
        assertThat(ServerLine.parse("server.1", value).clientAddress()).contains(new PeerAddress(host, port));
    }

    @Test
    void hasNoClientAddressWithoutAClientPart() throws ConfigException {
        assertThat(ServerLine.parse("server.1", "zoo1:2888:3888").clientAddress()).isEqualTo(Optional.empty());
    }

    @Test
    void readsThePeerTypeIgnoringCase() throws ConfigException {
        assertThat(ServerLine.parse("server.1", "zoo1:2888:3888:Participant").type()).isEqualTo(LearnerType.PARTICIPANT);
    }

    @Test
    void treatsServer01AsId1() throws ConfigException {
        assertThat(ServerLine.idOf("server.01")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "zoo1:0:3888              | server.1 quorum port 0 is out of range 1-65535",
        "zoo1:65536:3888          | server.1 quorum port 65536 is out of range 1-65535",
        "zoo1:-1:3888             | server.1 quorum port -1 is out of range 1-65535",
        "zoo1:abc:3888            | server.1 quorum port is not a number: 'abc'",
        "zoo1:2888:0              | server.1 election port 0 is out of range",
        "zoo1:2888:99999          | server.1 election port 99999 is out of range",
        "zoo1:2888:3888;0         | server.1 client port 0 is out of range",
        "zoo1:2888:3888;abc       | server.1 client port is not a number: 'abc'",
        "zoo1:2888:2888           | server.1: quorum port and election port must be different (both are 2888)",
        ":2888:3888               | server.1 has no host before the first ':'",
        "::1:2888:3888            | IPv6 addresses go in brackets",
        "[::1:2888:3888           | server.1: '[' without a closing ']'",
        "[::1]2888:3888           | server.1: expected ':' and a port after [::1]",
        "[zz::1]:2888:3888        | server.1: [zz::1] is not a valid IPv6 address",
        "[]:2888:3888             | server.1: [] is not a valid IPv6 address",
        "zoo 1:2888:3888          | server.1: 'zoo 1' is not a valid host name or IP address",
        "zoo1:2888:3888:voter     | server.1: Unrecognised peertype: voter",
        "zoo1:2888:3888:          | server.1: Unrecognised peertype: ",
        "zoo1:2888:3888:observer:x| server.1 must look like host:quorumPort:electionPort",
        "zoo1                     | server.1 must look like host:quorumPort:electionPort",
        "zoo1:2888:3888;          | server.1 has an empty client part after ';'",
        "zoo1:2888:3888;2181;2182 | server.1 has more than one ';'",
        "zoo1:2888:3888;h:1:2     | server.1 client part must be port or host:port"})
    void rejectsMalformedLines(String value, String message) {
        assertThatThrownBy(() -> ServerLine.parse("server.1", value))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message.trim());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "server.abc | server id in server.abc is not a number: 'abc'",
        "server.-1  | server id in server.-1 must not be negative: -1",
        "server.    | server id in server. is not a number: ''",
        "server.1.5 | server id in server.1.5 is not a number"})
    void rejectsBadServerIds(String key, String message) {
        assertThatThrownBy(() -> ServerLine.parse(key.trim(), "zoo1:2888:3888"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message.trim());
    }
}
