package io.quorum.dist.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.AbstractMatcherFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Objects;

/**
 * An appender's filter on one MDC entry: an event whose MDC maps {@code MDCKey} to {@code Value}
 * matches. Logback's own {@code MDCFilter} is a turbo filter, which decides before an event is made,
 * so it can only drop an event unformatted; this one lets one appender take what another refuses.
 */
public final class MdcValueFilter extends AbstractMatcherFilter<ILoggingEvent> {
    private String key;
    private String value;

    public void setMDCKey(String key) {
        this.key = key;
    }

    public void setValue(String value) {
        this.value = value;
    }

    @Override
    public void start() {
        if (key == null || value == null) {
            addError("MdcValueFilter needs both MDCKey and Value");
            return;
        }
        super.start();
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (!isStarted()) {
            return FilterReply.NEUTRAL;
        }
        return Objects.equals(event.getMDCPropertyMap().get(key), value) ? onMatch : onMismatch;
    }
}
