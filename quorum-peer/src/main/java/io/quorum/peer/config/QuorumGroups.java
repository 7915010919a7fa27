package io.quorum.peer.config;

import io.quorum.api.view.HierarchicalVerifier;
import io.quorum.api.view.MajorityVerifier;
import io.quorum.api.view.QuorumServer;
import io.quorum.api.view.QuorumVerifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chooses the quorum verifier: a plain majority of the participants, or ZooKeeper's
 * hierarchical quorum when {@code group.G=sid:sid:...} keys exist, weighted by
 * {@code weight.S=w}. Every mistake is reported against the key that made it, before
 * {@link HierarchicalVerifier} would reject it less precisely.
 */
final class QuorumGroups {
    static final String GROUP_PREFIX = "group.";
    static final String WEIGHT_PREFIX = "weight.";

    private final Map<Long, QuorumServer> servers;
    private final Map<Long, String> groupKeyOfServer = new HashMap<>();

    private QuorumGroups(Map<Long, QuorumServer> servers) {
        this.servers = servers;
    }

    /**
     * @param groups the {@code group.*} entries
     * @param weights the {@code weight.*} entries
     * @param servers every server by id
     */
    static QuorumVerifier verifier(Map<String, String> groups, Map<String, String> weights, Map<Long, QuorumServer> servers)
            throws ConfigException {
        if (groups.isEmpty()) {
            if (!weights.isEmpty()) {
                throw new ConfigException(weights.keySet().iterator().next()
                        + " is set but there are no group.* keys; weights only apply to hierarchical quorums");
            }
            return new MajorityVerifier(participants(servers));
        }
        QuorumGroups builder = new QuorumGroups(servers);
        Map<Long, List<Long>> members = builder.groups(groups);
        builder.checkEveryVoterGrouped();
        Map<Long, Long> weightOf = builder.weights(weights);
        checkSomeWeight(members, weightOf);
        return new HierarchicalVerifier(members, weightOf);
    }

    private static List<Long> participants(Map<Long, QuorumServer> servers) {
        return servers.values().stream().filter(QuorumServer::isParticipant).map(QuorumServer::id).toList();
    }

    private Map<Long, List<Long>> groups(Map<String, String> entries) throws ConfigException {
        Map<Long, List<Long>> members = new TreeMap<>();
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            String key = entry.getKey();
            long group = Values.nonNegativeLong("group id in " + key, key.substring(GROUP_PREFIX.length()));
            if (members.containsKey(group)) {
                throw new ConfigException(key + " repeats group id " + group);
            }
            members.put(group, groupMembers(key, entry.getValue()));
        }
        return members;
    }

    private List<Long> groupMembers(String key, String value) throws ConfigException {
        if (value.isEmpty()) {
            throw new ConfigException(key + " lists no servers");
        }
        List<Long> members = new ArrayList<>();
        for (String text : value.split(":", -1)) {
            long sid = Values.nonNegativeLong("server id in " + key, text.trim());
            checkVoter(key, sid);
            String otherGroup = groupKeyOfServer.putIfAbsent(sid, key);
            if (otherGroup != null) {
                throw new ConfigException("Server " + sid + " is in multiple groups (" + otherGroup + " and " + key + ")");
            }
            members.add(sid);
        }
        return members;
    }

    private void checkVoter(String key, long sid) throws ConfigException {
        QuorumServer server = servers.get(sid);
        if (server == null) {
            throw new ConfigException(key + " names server " + sid + ", which has no server." + sid + " line");
        }
        if (!server.isParticipant()) {
            throw new ConfigException(key + " names server " + sid + ", which is an observer; only participants vote");
        }
    }

    // ZooKeeper 3.5+ wording; 3.4 said "Every server must be in exactly one group".
    private void checkEveryVoterGrouped() throws ConfigException {
        for (long sid : participants(servers)) {
            if (!groupKeyOfServer.containsKey(sid)) {
                throw new ConfigException("Server " + sid + " is not in a group; with group.* keys every participant"
                        + " must be in exactly one");
            }
        }
    }

    private Map<Long, Long> weights(Map<String, String> entries) throws ConfigException {
        Map<Long, Long> weightOf = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            String key = entry.getKey();
            long sid = Values.nonNegativeLong("server id in " + key, key.substring(WEIGHT_PREFIX.length()));
            checkVoter(key, sid);
            if (weightOf.put(sid, Values.nonNegativeLong(key, entry.getValue())) != null) {
                throw new ConfigException(key + " repeats the weight of server " + sid);
            }
        }
        return weightOf;
    }

    // A hierarchy whose every voter weighs 0 can never form a quorum, so no leader would ever be elected.
    private static void checkSomeWeight(Map<Long, List<Long>> members, Map<Long, Long> weightOf) throws ConfigException {
        boolean anyWeight = members.values().stream()
                .flatMap(List::stream)
                .anyMatch(sid -> weightOf.getOrDefault(sid, 1L) > 0);
        if (!anyWeight) {
            throw new ConfigException("every weight.* is 0, so no quorum could ever be formed");
        }
    }
}
