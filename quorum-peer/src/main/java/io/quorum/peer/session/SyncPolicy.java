package io.quorum.peer.session;

import io.quorum.api.Zxid;

/**
 * What our leader sends a learner in place of a history (PROTOCOL.md section 6.3 step 6). We keep
 * no committed log and no data tree, so the only histories we can vouch for are "the same as
 * ours" and "ours is a prefix of yours within one epoch":
 *
 * <ul>
 *   <li>the learner's last zxid equals ours: an empty DIFF at its zxid (what 3.4.14 sends,
 *       zab-3.4.14-diff-empty and -diff-epoch1);
 *   <li>it is ahead of us in the same epoch: TRUNC to our zxid. One leader wrote that epoch, in
 *       order, so our transactions of it are a prefix of the learner's;
 *   <li>otherwise (behind us, or ahead in another epoch): SNAP at our zxid followed by the
 *       snapshot of an empty data tree ({@link SnapshotFormat#emptyTree}), so a real ZooKeeper
 *       learner replaces its state with ours, which is empty: our ensemble serves no data yet.
 * </ul>
 */
final class SyncPolicy {

    private SyncPolicy() {
    }

    /** The sync for a learner whose last logged zxid is {@code learnerZxid}. */
    static SyncKind choose(long learnerZxid, long leaderZxid) {
        if (learnerZxid == leaderZxid) {
            return SyncKind.DIFF;
        }
        if (learnerZxid > leaderZxid && Zxid.epochOf(learnerZxid) == Zxid.epochOf(leaderZxid)) {
            return SyncKind.TRUNC;
        }
        return SyncKind.SNAP;
    }

    /** The sync packet's zxid: the learner's own for DIFF, ours otherwise. */
    static long zxid(SyncKind kind, long learnerZxid, long leaderZxid) {
        return kind == SyncKind.DIFF ? learnerZxid : leaderZxid;
    }
}
