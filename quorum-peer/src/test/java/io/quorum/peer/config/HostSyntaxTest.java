package io.quorum.peer.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "1::", "fe80::1", "fe80::1%eth0", "2001:db8:0:0:0:0:0:1",
        "2001:DB8::8:800:200C:417A", "::ffff:192.0.2.128", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7::"})
    void acceptsIpv6Literals(String text) {
        assertThat(HostSyntax.isIpv6Literal(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", ":::", "1:::2", "1::2::3", "::1:", ":1::", "12345::", "g::1", "1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", "1.2.3.4::", "::256.0.0.1", "fe80::1%", "fe80::1%a b", "zoo1"})
    void rejectsMalformedIpv6Literals(String text) {
        assertThat(HostSyntax.isIpv6Literal(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zoo1", "zoo1.example.com", "127.0.0.1", "my_host", "a", "ZOO-1"})
    void acceptsHostNames(String text) {
        assertThat(HostSyntax.isHostName(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "zoo 1", "-zoo", "zoo.", "zoo/1", "zoo@1", "[::1]"})
    void rejectsMalformedHostNames(String text) {
        assertThat(HostSyntax.isHostName(text)).isFalse();
    }
}
