package io.quorum.peer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void skipsCommentsAndBlankLinesAndTrimsKeysAndValues() throws ConfigException {
        Map<String, String> entries = ConfigFile.parse(List.of(
                "# a comment", "! another comment", "   # indented comment", "", "  tickTime =  2000  ",
                "server.1=zoo1:2888:3888", "dataDir:/var/zk"), "zoo.cfg");

        assertThat(entries).containsExactly(
                Map.entry("tickTime", "2000"), Map.entry("server.1", "zoo1:2888:3888"), Map.entry("dataDir", "/var/zk"));
    }

    @Test
    void keepsAnEmptyValue() throws ConfigException {
        assertThat(ConfigFile.parse(List.of("peerType="), "zoo.cfg")).containsEntry("peerType", "");
    }

    @Test
    void rejectsADuplicateKeyNamingBothLines() {
        List<String> lines = List.of("server.1=zoo1:2888:3888", "server.2=zoo2:2888:3888", "server.1=zoo3:2888:3888");

        assertThatThrownBy(() -> ConfigFile.parse(lines, "zoo.cfg"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("zoo.cfg line 3: duplicate key server.1 (already set on line 1)");
    }

    @Test
    void rejectsALineWithoutSeparatorNamingItsNumber() {
        List<String> lines = List.of("tickTime=2000", "# fine", "initLimit 10");

        assertThatThrownBy(() -> ConfigFile.parse(lines, "zoo.cfg"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("zoo.cfg line 3: expected key=value but found 'initLimit 10'");
    }

    @Test
    void rejectsALineWithoutKey() {
        assertThatThrownBy(() -> ConfigFile.parse(List.of("=2000"), "zoo.cfg"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("zoo.cfg line 1: no key before the separator");
    }

    @Test
    void rejectsALineContinuation() {
        assertThatThrownBy(() -> ConfigFile.parse(List.of("dataDir=/var/\\", "zk"), "zoo.cfg"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("zoo.cfg line 1: key dataDir ends with a backslash");
    }

    @Test
    void rejectsAMissingFileNamingIt() {
        Path missing = dir.resolve("nope.cfg");

        assertThatThrownBy(() -> ConfigFile.read(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config file " + missing + " does not exist");
    }

    @Test
    void rejectsADirectoryNamingIt() {
        assertThatThrownBy(() -> ConfigFile.read(dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config file " + dir + " cannot be read");
    }

    @Test
    void rejectsAnUnreadableFileNamingIt() throws IOException {
        Path file = Ensembles.write(dir.resolve("zoo.cfg"), "tickTime=2000\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeThat(Files.isReadable(file)).as("root reads any file").isFalse();

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config file " + file + " is not readable: permission denied");
    }

    @Test
    void rejectsAFileThatIsNotUtf8() throws IOException {
        Path file = Files.write(dir.resolve("zoo.cfg"), new byte[] {'a', '=', (byte) 0xff, '\n'});

        assertThatThrownBy(() -> ConfigFile.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config file " + file + " is not valid UTF-8 text");
    }
}
