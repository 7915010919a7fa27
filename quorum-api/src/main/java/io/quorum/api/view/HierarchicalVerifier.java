package io.quorum.api.view;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * ZooKeeper's hierarchical quorums ({@code group.G} and {@code weight.S}): a quorum is a majority
 * of the groups that carry weight, each of them by more than half of its own total weight.
 * Servers default to weight 1; a zero-weight server counts for nothing and never leads; a group
 * whose servers all weigh 0 is left out of the group count.
 */
public final class HierarchicalVerifier implements QuorumVerifier {
    private final Map<Long, Long> groupOfServer;
    private final Map<Long, Long> weightOfServer;
    private final Map<Long, Long> totalWeightOfGroup;
    private final long weightedGroups;
    private final Set<Long> voters;

    /**
     * @param groups group id to its member server ids; each server in exactly one group
     * @param weights server id to weight; servers missing here weigh 1
     * @throws IllegalArgumentException if a server is in two groups, a weight is negative, or a
     *     weight names a server in no group
     */
    public HierarchicalVerifier(Map<Long, ? extends Collection<Long>> groups, Map<Long, Long> weights) {
        Map<Long, Long> membership = new HashMap<>();
        groups.forEach((group, members) -> members.forEach(sid -> {
            Long previous = membership.putIfAbsent(sid, group);
            if (previous != null && !previous.equals(group)) {
                throw new IllegalArgumentException("Server " + sid + " is in multiple groups (" + previous + " and " + group + ")");
            }
        }));
        if (membership.isEmpty()) {
            throw new IllegalArgumentException("hierarchical quorums need at least one group with a server");
        }
        Map<Long, Long> weight = new HashMap<>();
        weights.forEach((sid, w) -> {
            if (!membership.containsKey(sid)) {
                throw new IllegalArgumentException("weight." + sid + " names a server that is in no group");
            }
            if (w < 0) {
                throw new IllegalArgumentException("weight." + sid + " is negative: " + w);
            }
        });
        Map<Long, Long> totals = new TreeMap<>();
        membership.forEach((sid, group) -> {
            long w = weights.getOrDefault(sid, 1L);
            weight.put(sid, w);
            totals.merge(group, w, Long::sum);
        });
        this.groupOfServer = Map.copyOf(membership);
        this.weightOfServer = Map.copyOf(weight);
        this.totalWeightOfGroup = Map.copyOf(totals);
        // Sorted, so iteration order is the same in every JVM: simulations must replay by seed.
        this.voters = Collections.unmodifiableSortedSet(new TreeSet<>(membership.keySet()));
        this.weightedGroups = totals.values().stream().filter(total -> total > 0).count();
    }

    @Override
    public Set<Long> votingMembers() {
        return voters;
    }

    @Override
    public long weight(long sid) {
        return weightOfServer.getOrDefault(sid, 0L);
    }

    /** The group a server belongs to, or {@code null} for a server in none. */
    public Long groupOf(long sid) {
        return groupOfServer.get(sid);
    }

    @Override
    public boolean containsQuorum(Collection<Long> sids) {
        Map<Long, Long> ackedWeight = new HashMap<>();
        for (Long sid : new HashSet<>(sids)) {
            Long group = groupOfServer.get(Objects.requireNonNull(sid));
            if (group != null) {
                ackedWeight.merge(group, weight(sid), Long::sum);
            }
        }
        long groupsWon = ackedWeight.entrySet().stream()
                .filter(e -> totalWeightOfGroup.get(e.getKey()) > 0)
                .filter(e -> 2 * e.getValue() > totalWeightOfGroup.get(e.getKey()))
                .count();
        return 2 * groupsWon > weightedGroups;
    }

    @Override
    public String toString() {
        return "hierarchical quorum of " + totalWeightOfGroup.size() + " groups";
    }
}
