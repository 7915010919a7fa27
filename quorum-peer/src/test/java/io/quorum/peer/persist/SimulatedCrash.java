package io.quorum.peer.persist;

/** Thrown by a test interceptor where the process is supposed to die; nothing catches it in main code. */
final class SimulatedCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(WriteStep step) {
        super("simulated crash at " + step);
    }

    /** An interceptor that crashes at {@code step} and lets every other step through. */
    static WriteInterceptor at(WriteStep step) {
        return reached -> {
            if (reached == step) {
                throw new SimulatedCrash(step);
            }
        };
    }
}
