package io.quorum.peer.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.quorum.api.Zxid;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class FileTxnLogTest {
    private static final long Z1 = Zxid.of(1, 1);
    private static final long Z2 = Zxid.of(1, 2);
    private static final long Z3 = Zxid.of(2, 1);
    private static final long Z4 = Zxid.of(2, 2);

    @TempDir
    Path dataLogDir;

    @Test
    void aFreshLogIsEmptyWithLastZxidZero() throws Exception {
        try (FileTxnLog log = FileTxnLog.open(dataLogDir)) {
            assertThat(log.lastZxid()).isZero();
            assertThat(log.readAll()).isEmpty();
            assertThat(log.directory()).isEqualTo(dataLogDir.resolve("version-2")).isDirectory();
        }
    }

    @Test
    void recordsSurviveReopenInOneFileNamedAfterTheFirstZxid() throws Exception {
        appendThree();

        try (FileTxnLog log = FileTxnLog.open(dataLogDir)) {
            assertThat(log.lastZxid()).isEqualTo(Z3);
            assertThat(log.readAll()).containsExactly(record(Z1), record(Z2), record(Z3));
            assertThat(log.readAfter(Z1)).containsExactly(record(Z2), record(Z3));
            assertThat(logFiles()).containsExactly(log.directory().resolve("log.100000001"));
        }
    }

    @Test
    void emptyPayloadsRoundTrip() throws Exception {
        try (FileTxnLog log = FileTxnLog.open(dataLogDir)) {
            log.append(Z1, new byte[0]);
        }
        try (FileTxnLog log = FileTxnLog.open(dataLogDir)) {
            assertThat(log.readAll()).containsExactly(new TxnRecord(Z1, new byte[0]));
        }
    }

    @Test
    void nonIncreasingAppendsAreRejectedAndChangeNothing() throws Exception {
        try (FileTxnLog log = FileTxnLog.open(dataLogDir)) {
            assertThatThrownBy(() -> log.append(Zxid.ZERO, payload(0))).isInstanceOf(IllegalArgumentException.class);
            log.append(Z2, payload(Z2));
            assertThatThrownBy(() -> log.append(Z2, payload(Z2)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("0x100000002");
            assertThatThrownBy(() -> log.append(Z1, payload(Z1))).isInstanceOf(IllegalArgumentException.class);
            log.append(Z3, payload(Z3));
        }
        try (FileTxnLog log = FileTxnLog.open(dataLogDir)) {
            assertThat(log.readAll()).containsExactly(record(Z2), record(Z3));
        }
    }

    @Test
    void aTornTailIsCutAtEveryOffsetAndAppendsResume() throws Exception {
        appendThree();
        Path file = onlyLogFile();
        byte[] intact = Files.readAllBytes(file);
        int lastRecordStart = intact.length - (TxnLogFormat.RECORD_OVERHEAD + payload(Z3).length);

        for (int cut = lastRecordStart; cut < intact.length; cut++) {
            Files.write(file, Arrays.copyOf(intact, cut));
            try (FileTxnLog log = FileTxnLog.open(dataLogDir)) {
                assertThat(log.lastZxid()).as("cut at %d", cut).isEqualTo(Z2);
                assertThat(Files.size(file)).isEqualTo(lastRecordStart);
                log.append(Z4, payload(Z4));
            }
            try (FileTxnLog log = FileTxnLog.open(dataLogDir)) {
                assertThat(log.readAll()).as("cut at %d", cut).containsExactly(record(Z1), record(Z2), record(Z4));
            }
        }
    }

    @Test
    void aFlippedPayloadByteFailsTheChecksumAndIsCut() throws Exception {
        appendThree();
        Path file = onlyLogFile();
        long size = Files.size(file);
        flipByte(file, size - 5);

        try (FileTxnLog log = FileTxnLog.open(dataLogDir)) {
            assertThat(log.lastZxid()).isEqualTo(Z2);
            assertThat(log.readAll()).containsExactly(record(Z1), record(Z2));
        }
    }

    @Test
    void garbageAfterGoodRecordsIsCutWithAWarning() throws Exception {
        appendThree();
        Path file = onlyLogFile();
        long goodSize = Files.size(file);
        Files.write(file, "not a record at all, just noise".getBytes(StandardCharsets.US_ASCII),
                StandardOpenOption.APPEND);

        List<ILoggingEvent> warnings = captureWarnings(() -> FileTxnLog.open(dataLogDir).close());

        assertThat(Files.size(file)).isEqualTo(goodSize);
        assertThat(warnings).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).contains("Cut 31 bytes from " + file + " at offset " + goodSize));
        try (FileTxnLog log = FileTxnLog.open(dataLogDir)) {
            assertThat(log.lastZxid()).isEqualTo(Z3);
        }
    }

    @Test
    void anOversizedLengthIsCutNotAllocated() throws Exception {
        appendThree();
        try (FileTxnLog log = FileTxnLog.open(dataLogDir, FileTxnLog.DEFAULT_ROLL_BYTES, 16)) {
            assertThat(log.lastZxid()).isEqualTo(Z3);
        }
        Path file = onlyLogFile();
        long size = Files.size(file);
        byte[] huge = ByteBuffer.allocate(12).putLong(Z4).putInt(Integer.MAX_VALUE).array();
        Files.write(file, huge, StandardOpenOption.APPEND);

        try (FileTxnLog log = FileTxnLog.open(dataLogDir)) {
            assertThat(log.lastZxid()).isEqualTo(Z3);
            assertThat(Files.size(file)).isEqualTo(size);
        }
    }

    @Test
    void aRecordWhoseZxidGoesBackwardsIsCut() throws Exception {
        appendThree();
        Path file = onlyLogFile();
        long size = Files.size(file);
        Files.write(file, TxnLogFormat.encode(Z2, payload(Z2)).array(), StandardOpenOption.APPEND);

        try (FileTxnLog log = FileTxnLog.open(dataLogDir)) {
            assertThat(log.lastZxid()).isEqualTo(Z3);
            assertThat(Files.size(file)).isEqualTo(size);
        }
    }

    @Test
    void filesRollAndRecoverAcrossFiles() throws Exception {
        try (FileTxnLog log = FileTxnLog.open(dataLogDir, 64)) {
            for (long counter = 1; counter <= 5; counter++) {
                log.append(Zxid.of(1, counter), payload(Zxid.of(1, counter)));
            }
        }
        assertThat(logFiles()).hasSizeGreaterThan(1);
        assertThat(logFiles().get(0).getFileName().toString()).isEqualTo("log.100000001");

        try (FileTxnLog log = FileTxnLog.open(dataLogDir, 64)) {
            assertThat(log.lastZxid()).isEqualTo(Zxid.of(1, 5));
            assertThat(log.readAll()).extracting(TxnRecord::zxid)
                    .containsExactly(Zxid.of(1, 1), Zxid.of(1, 2), Zxid.of(1, 3), Zxid.of(1, 4), Zxid.of(1, 5));
        }
    }

    @Test
    void truncateAfterDropsLaterRecordsAndLaterFilesDurably() throws Exception {
        try (FileTxnLog log = FileTxnLog.open(dataLogDir, 64)) {
            for (long counter = 1; counter <= 5; counter++) {
                log.append(Zxid.of(1, counter), payload(Zxid.of(1, counter)));
            }
            int filesBefore = logFiles().size();

            log.truncateAfter(Zxid.of(1, 2));

            assertThat(log.lastZxid()).isEqualTo(Zxid.of(1, 2));
            assertThat(logFiles()).hasSizeLessThan(filesBefore);
            log.append(Zxid.of(2, 1), payload(Zxid.of(2, 1)));
        }
        try (FileTxnLog log = FileTxnLog.open(dataLogDir, 64)) {
            assertThat(log.readAll()).extracting(TxnRecord::zxid)
                    .containsExactly(Zxid.of(1, 1), Zxid.of(1, 2), Zxid.of(2, 1));
        }
    }

    @Test
    void truncateAfterWithinOneFileCutsItAtTheRecordBoundary() throws Exception {
        appendThree();
        try (FileTxnLog log = FileTxnLog.open(dataLogDir)) {
            log.truncateAfter(Z1);
            assertThat(log.lastZxid()).isEqualTo(Z1);
        }
        try (FileTxnLog log = FileTxnLog.open(dataLogDir)) {
            assertThat(log.readAll()).containsExactly(record(Z1));
        }
    }

    @Test
    void truncateAfterBelowTheFirstRecordEmptiesTheLogAndAtOrAboveTheLastChangesNothing() throws Exception {
        appendThree();
        try (FileTxnLog log = FileTxnLog.open(dataLogDir)) {
            log.truncateAfter(Z4);
            assertThat(log.readAll()).hasSize(3);
            log.truncateAfter(Zxid.ZERO);
            assertThat(log.lastZxid()).isZero();
            assertThat(logFiles()).isEmpty();
            log.append(Z2, payload(Z2));
        }
        try (FileTxnLog log = FileTxnLog.open(dataLogDir)) {
            assertThat(log.readAll()).containsExactly(record(Z2));
        }
    }

    @Test
    void damageBeforeTheLastFileIsRefusedNotCut() throws Exception {
        try (FileTxnLog log = FileTxnLog.open(dataLogDir, 64)) {
            for (long counter = 1; counter <= 5; counter++) {
                log.append(Zxid.of(1, counter), payload(Zxid.of(1, counter)));
            }
        }
        Path first = logFiles().get(0);
        byte[] before = Files.readAllBytes(first);
        flipByte(first, before.length - 5);

        assertThatThrownBy(() -> FileTxnLog.open(dataLogDir, 64))
                .isInstanceOf(CorruptTxnLogException.class)
                .hasMessageContaining(first.toString())
                .hasMessageContaining("checksum");
        assertThat(Files.size(first)).isEqualTo(before.length);
    }

    @Test
    void aLastFileWithoutRecordsIsDeletedAndTheNextAppendStartsAFreshOne() throws Exception {
        appendThree();
        Path dir = dataLogDir.resolve("version-2");
        // A roll that died before its first record: the header alone, or half of it.
        Files.write(dir.resolve("log.200000002"), TxnLogFormat.header().array());
        try (FileTxnLog log = FileTxnLog.open(dataLogDir)) {
            assertThat(log.lastZxid()).isEqualTo(Z3);
            assertThat(dir.resolve("log.200000002")).doesNotExist();
        }
        Files.write(dir.resolve("log.200000002"), new byte[] {0x51, 0x4c});
        try (FileTxnLog log = FileTxnLog.open(dataLogDir)) {
            assertThat(dir.resolve("log.200000002")).doesNotExist();
            log.append(Z4, payload(Z4));
        }
        try (FileTxnLog log = FileTxnLog.open(dataLogDir)) {
            assertThat(log.readAll()).extracting(TxnRecord::zxid).containsExactly(Z1, Z2, Z3, Z4);
            assertThat(dir.resolve("log.200000002")).exists();
        }
    }

    @Test
    void aForeignFileIsRefused() throws Exception {
        Path dir = Files.createDirectories(dataLogDir.resolve("version-2"));
        Files.writeString(dir.resolve("log.1"), "ZKLG and more bytes");

        assertThatThrownBy(() -> FileTxnLog.open(dataLogDir))
                .isInstanceOf(CorruptTxnLogException.class)
                .hasMessageContaining("bad magic");
    }

    @Test
    void otherFilesInTheDirectoryAreIgnored() throws Exception {
        Path dir = Files.createDirectories(dataLogDir.resolve("version-2"));
        Files.writeString(dir.resolve("currentEpoch"), "1");
        Files.writeString(dir.resolve("log.notHex"), "x");

        try (FileTxnLog log = FileTxnLog.open(dataLogDir)) {
            assertThat(log.lastZxid()).isZero();
        }
    }

    private void appendThree() throws IOException {
        try (FileTxnLog log = FileTxnLog.open(dataLogDir)) {
            log.append(Z1, payload(Z1));
            log.append(Z2, payload(Z2));
            log.append(Z3, payload(Z3));
            assertThat(log.lastZxid()).isEqualTo(Z3);
        }
    }

    private static byte[] payload(long zxid) {
        return ("txn " + Zxid.toHex(zxid)).getBytes(StandardCharsets.US_ASCII);
    }

    private static TxnRecord record(long zxid) {
        return new TxnRecord(zxid, payload(zxid));
    }

    private List<Path> logFiles() throws IOException {
        try (Stream<Path> files = Files.list(dataLogDir.resolve("version-2"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("log."))
                    .sorted((a, b) -> Long.compare(TxnLogFormat.firstZxidOf(a.getFileName().toString()).orElseThrow(),
                            TxnLogFormat.firstZxidOf(b.getFileName().toString()).orElseThrow()))
                    .toList();
        }
    }

    private Path onlyLogFile() throws IOException {
        List<Path> files = logFiles();
        assertThat(files).hasSize(1);
        return files.get(0);
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0x40)).rewind();
            channel.write(one, offset);
        }
    }

    interface IoAction {
        void run() throws IOException;
    }

    private static List<ILoggingEvent> captureWarnings(IoAction action) throws IOException {
        Logger logger = (Logger) LoggerFactory.getLogger(FileTxnLog.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            action.run();
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
    }
}
