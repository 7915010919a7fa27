package io.quorum.peer.election;

/** {@code electionAlg} names an algorithm that is not installed; the message lists what is. */
public final class UnknownElectionAlgorithmException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnknownElectionAlgorithmException(String message) {
        super(message);
    }
}
