package io.quorum.transport.tls;

/**
 * TLS material that cannot be used: a missing or unreadable store, a wrong password, an expired
 * certificate, an unknown protocol or cipher suite. The message names the zoo.cfg key and the
 * file, because it is all an operator sees before the peer refuses to start.
 */
public final class TlsConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public TlsConfigException(String message) {
        super(message);
    }

    public TlsConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
