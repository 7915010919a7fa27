package io.quorum.dist.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.status.Status;
import io.quorum.api.view.PeerAddress;
import io.quorum.dist.logging.DiscardingAppender;
import io.quorum.dist.status.StatusTarget;
import io.quorum.peer.config.QuorumPeerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files the tarball ships in conf/ work as their comments say. */
class DistributionFilesTest {
    private static final Path CONF = Path.of("src/dist/conf");

    @TempDir
    Path dir;

    @Test
    void zooSampleCfgIsAValidConfigurationForPeerOneWithTheEnsemblePortLayout() throws Exception {
        // As its comments say: make the data directory and its myid, then start.
        Path data = Files.createDirectories(dir.resolve("1"));
        Files.writeString(data.resolve("myid"), "1\n");
        String sample = Files.readString(CONF.resolve("zoo_sample.cfg"), StandardCharsets.UTF_8);
        assertThat(sample).contains("\ndataDir=/tmp/quorum/1\n");
        Path zooCfg = Files.writeString(dir.resolve("zoo.cfg"), sample.replace("dataDir=/tmp/quorum/1", "dataDir=" + data));

        QuorumPeerConfig config = QuorumPeerConfig.parse(zooCfg);

        assertThat(config.myId()).isEqualTo(1);
        assertThat(config.electionAlg()).isEqualTo("3");
        assertThat(config.unknownKeys()).isEmpty();
        assertThat(config.warnings()).isEmpty();
        // Peer i: client port 21800+i, quorum port 21900+i, election port 22000+i.
        assertThat(config.view().servers()).hasSize(3).allSatisfy(server -> {
            long i = server.id();
            assertThat(server.quorumAddress()).isEqualTo(new PeerAddress("127.0.0.1", (int) (21900 + i)));
            assertThat(server.electionAddress()).contains(new PeerAddress("127.0.0.1", (int) (22000 + i)));
        });
        assertThat(StatusTarget.fromConfig(config)).containsExactly(
                new StatusTarget(OptionalLong.of(1), new PeerAddress("127.0.0.1", 21801)),
                new StatusTarget(OptionalLong.of(2), new PeerAddress("127.0.0.1", 21802)),
                new StatusTarget(OptionalLong.of(3), new PeerAddress("127.0.0.1", 21803)));
    }

    @Test
    void zooSampleCfgExplainsEverySettingWithAComment() throws Exception {
        List<String> lines = Files.readAllLines(CONF.resolve("zoo_sample.cfg"), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank() && !line.startsWith("#") && !line.startsWith("server.")) {
                assertThat(lines.get(i - 1)).as("the line before " + line).startsWith("#");
            }
        }
    }

    /** A fresh logging context configured by conf/logback.xml; the caller stops it. */
    private static LoggerContext configuredLogback() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(CONF.resolve("logback.xml").toFile());
        return context;
    }

    @Test
    void logbackXmlLogsToStandardErrorWithThePeerIdFromTheMdc() throws Exception {
        LoggerContext context = configuredLogback();
        try {
            assertThat(context.getStatusManager().getCopyOfStatusList())
                    .noneMatch(status -> status.getLevel() >= Status.WARN);

            ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            assertThat(root.getLevel()).isEqualTo(Level.INFO);
            @SuppressWarnings("unchecked")
            ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) root.getAppender("CONSOLE");
            assertThat(console.getTarget()).isEqualTo("System.err");

            // The MDC key the peer's threads set (transport's OwnedThreads): "peer".
            LoggingEvent event = new LoggingEvent("test", context.getLogger("io.quorum.peer.Example"), Level.INFO,
                    "elected", null, null);
            event.setMDCPropertyMap(Map.of("peer", "7"));
            String line = new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);
            assertThat(line).contains("[myid:7] INFO ", "io.quorum.peer.Example - elected");
        } finally {
            context.stop();
        }
    }

    /**
     * A rehearsal's lines (MDC rehearsal=true, io.quorum.peer.warmup) never reach the console, but
     * are formatted by an appender that discards them, so formatting is compiled before a failover.
     */
    @Test
    void logbackXmlFormatsRehearsalLinesAndPrintsOnlyThePeersOwn() throws Exception {
        LoggerContext context = configuredLogback();
        try {
            ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            Appender<ILoggingEvent> console = root.getAppender("CONSOLE");
            Appender<ILoggingEvent> rehearsal = root.getAppender("REHEARSAL");
            assertThat(rehearsal).isInstanceOf(DiscardingAppender.class);

            LoggingEvent own = new LoggingEvent("test", context.getLogger("io.quorum.peer.Example"), Level.INFO,
                    "LEADING", null, null);
            own.setMDCPropertyMap(Map.of("peer", "7"));
            LoggingEvent rehearsed = new LoggingEvent("test", context.getLogger("io.quorum.peer.Example"), Level.INFO,
                    "LEADING", null, null);
            rehearsed.setMDCPropertyMap(Map.of("peer", "7", "rehearsal", "true"));

            assertThat(console.getFilterChainDecision(own)).isEqualTo(FilterReply.NEUTRAL);
            assertThat(console.getFilterChainDecision(rehearsed)).isEqualTo(FilterReply.DENY);
            assertThat(rehearsal.getFilterChainDecision(own)).isEqualTo(FilterReply.DENY);
            assertThat(rehearsal.getFilterChainDecision(rehearsed)).isEqualTo(FilterReply.NEUTRAL);
            String line = new String(((DiscardingAppender) rehearsal).getEncoder().encode(rehearsed),
                    StandardCharsets.UTF_8);
            assertThat(line).contains("[myid:7] INFO ", "io.quorum.peer.Example - LEADING");
        } finally {
            context.stop();
        }
    }
}
