package io.quorum.peer.config;

/**
 * A zoo.cfg (or myid file) that cannot be used. The message always names the key, line or file
 * at fault and what is wrong with it, because it is the only thing an operator sees before the
 * peer refuses to start.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
