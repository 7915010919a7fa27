package io.quorum.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueuesTest {

    @Test
    void theSendQueueKeepsOnlyTheNewestPayload() throws Exception {
        SendQueue queue = new SendQueue(1);
        queue.offer(new byte[] {1});
        queue.offer(new byte[] {2});

        assertThat(queue.dropped()).isEqualTo(1);
        assertThat(queue.poll(0, TimeUnit.MILLISECONDS)).containsExactly(2);
        assertThat(queue.poll(0, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void anUnsentPayloadGoesBackOnlyIfNothingNewerWaits() throws Exception {
        SendQueue queue = new SendQueue(1);
        queue.returnUnsent(new byte[] {1});
        queue.offer(new byte[] {2});
        queue.returnUnsent(new byte[] {3});

        assertThat(queue.poll(0, TimeUnit.MILLISECONDS)).containsExactly(2);
    }

    @Test
    void theInboxDropsTheOldestMessageButNeverALinkChange() throws Exception {
        TransportInbox inbox = new TransportInbox(2);
        inbox.offerLink(7, true);
        inbox.offerMessage(1, new byte[] {1});
        inbox.offerMessage(1, new byte[] {2});
        inbox.offerMessage(1, new byte[] {3});

        assertThat(inbox.droppedMessages()).isEqualTo(1);
        assertThat(inbox.poll()).isEqualTo(new TransportEvent.Link(7, true));
        assertThat(((TransportEvent.Received) inbox.poll()).payload()).containsExactly(2);
        assertThat(((TransportEvent.Received) inbox.poll()).payload()).containsExactly(3);
        assertThat(inbox.poll(1, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void anUnreachableWaitsOncePerSidAndALinkComingUpWithdrawsIt() {
        TransportInbox inbox = new TransportInbox(4);
        inbox.offerLink(2, false);
        inbox.offerUnreachable(2);
        inbox.offerUnreachable(2);
        inbox.offerUnreachable(3);

        assertThat(inbox.poll()).isEqualTo(new TransportEvent.Link(2, false));
        assertThat(inbox.poll()).isEqualTo(new TransportEvent.Unreachable(2));
        assertThat(inbox.poll()).isEqualTo(new TransportEvent.Unreachable(3));
        assertThat(inbox.poll()).isNull();

        inbox.offerUnreachable(2);
        inbox.offerLink(2, true);
        assertThat(inbox.poll()).isEqualTo(new TransportEvent.Link(2, true));
        assertThat(inbox.poll()).isNull();
    }

    @Test
    void waitingLinkChangesForOneSidCollapseToTheLatest() {
        TransportInbox inbox = new TransportInbox(10);
        inbox.offerLink(2, true);
        inbox.offerLink(3, true);
        inbox.offerLink(2, false);

        assertThat(inbox.size()).isEqualTo(2);
        assertThat(inbox.poll()).isEqualTo(new TransportEvent.Link(2, false));
        assertThat(inbox.poll()).isEqualTo(new TransportEvent.Link(3, true));
        inbox.offerLink(2, true);
        assertThat(inbox.poll()).isEqualTo(new TransportEvent.Link(2, true));
    }
}
