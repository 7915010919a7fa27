package io.quorum.dist.peer;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Records, per peer (the log's {@code peer} MDC), the sids whose election link came up: the
 * connection manager's INFO line {@code link to sid N is up}, logged when a connection with a
 * server of the view is adopted. Only such a link delivers that server's votes to the election.
 */
final class LinkWatcher extends AppenderBase<ILoggingEvent> {
    private static final String LOGGER = "io.quorum.transport.tcp.PeerRegistry";
    private static final Pattern UP = Pattern.compile("link to sid (\\d+) is up");

    private final Map<Long, Set<Long>> up = new ConcurrentHashMap<>();

    static LinkWatcher attach() {
        LinkWatcher watcher = new LinkWatcher();
        Logger logger = (Logger) LoggerFactory.getLogger(LOGGER);
        watcher.setContext(logger.getLoggerContext());
        watcher.start();
        logger.addAppender(watcher);
        return watcher;
    }

    @Override
    protected void append(ILoggingEvent event) {
        Matcher link = UP.matcher(event.getFormattedMessage());
        String peer = event.getMDCPropertyMap().get("peer");
        if (link.matches() && peer != null) {
            up.computeIfAbsent(Long.parseLong(peer), p -> ConcurrentHashMap.newKeySet()).add(Long.parseLong(link.group(1)));
        }
    }

    Set<Long> upSeenBy(long peer) {
        return new TreeSet<>(up.getOrDefault(peer, Set.of()));
    }

    void detach() {
        ((Logger) LoggerFactory.getLogger(LOGGER)).detachAppender(this);
        stop();
    }
}
