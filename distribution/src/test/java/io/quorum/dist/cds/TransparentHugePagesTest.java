package io.quorum.dist.cds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransparentHugePagesTest {
    @TempDir
    Path dir;

    private boolean offeredWith(String content) throws IOException {
        Path enabled = dir.resolve("enabled");
        Files.writeString(enabled, content);
        return TransparentHugePages.offered(enabled);
    }

    @Test
    void theKernelsChoiceInBracketsDecides() throws IOException {
        assertThat(offeredWith("always [madvise] never\n")).isTrue();
        assertThat(offeredWith("[always] madvise never\n")).isTrue();
        assertThat(offeredWith("always madvise [never]\n")).isFalse();
        assertThat(offeredWith("")).isFalse();
    }

    @Test
    void aKernelWithoutTheFileOffersNone() {
        assertThat(TransparentHugePages.offered(dir.resolve("missing"))).isFalse();
    }

    @Test
    void thePeerOptionFollowsThisMachinesKernel() {
        boolean offered = TransparentHugePages.offered(TransparentHugePages.ENABLED);
        assertThat(TransparentHugePages.peerJvmOptions().contains("-XX:+UseTransparentHugePages")).isEqualTo(offered);
        assertThat(ClassDataArchive.PEER_JVM_OPTIONS).startsWith("-Xmx64m", "-XX:+UseSerialGC");
    }
}
