package io.quorum.transport.tls;

import io.quorum.transport.runtime.SystemTicker;
import io.quorum.transport.tcp.SocketFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.UnrecoverableKeyException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mutual TLS for the quorum's TCP connections (the alg 3 election port and the quorum port), from
 * the JDK alone: every socket it makes presents this peer's certificate and demands the other
 * side's, both checked against the trust store (and, with hostname verification, against the
 * socket's address). Built once at start by {@link #load}, which refuses unusable material.
 */
public final class QuorumTls implements SocketFactory {
    private static final Logger LOG = LoggerFactory.getLogger(QuorumTls.class);

    private final TlsSettings settings;
    private final SSLContext context;
    private final String[] protocols;
    private final String[] cipherSuites;

    private QuorumTls(TlsSettings settings, SSLContext context, String[] protocols, String[] cipherSuites) {
        this.settings = settings;
        this.context = context;
        this.protocols = protocols;
        this.cipherSuites = cipherSuites;
    }

    /**
     * Opens both stores and builds the context, with the validity of this peer's certificates
     * checked against the wall clock now.
     *
     * @throws TlsConfigException naming the key and file at fault
     */
    public static QuorumTls load(TlsSettings settings) throws TlsConfigException {
        return load(settings, new Date(SystemTicker.INSTANCE.wallMillis()));
    }

    static QuorumTls load(TlsSettings settings, Date now) throws TlsConfigException {
        KeyStore keys = StoreLoader.load(settings.keyStore());
        StoreLoader.requireUsableKey(settings.keyStore(), keys, now);
        KeyStore trusted = StoreLoader.load(settings.trustStore());
        StoreLoader.requireCertificates(settings.trustStore(), trusted);
        SSLContext context;
        try {
            context = SSLContext.getInstance(settings.protocol());
        } catch (NoSuchAlgorithmException e) {
            throw new TlsConfigException(TlsSettings.PROTOCOL + "=" + settings.protocol()
                    + " is not a protocol this JDK offers (e.g. TLSv1.3, TLSv1.2)", e);
        }
        try {
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, settings.keyStore().password().toCharArray());
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            context.init(keyManagers.getKeyManagers(), new TrustManager[] {identityChecking(trustManagers, settings.hostnameVerification())}, null);
        } catch (UnrecoverableKeyException e) {
            throw new TlsConfigException(settings.keyStore().passwordKey() + " does not unlock the private key in "
                    + settings.keyStore().location() + " (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException(settings.keyStore() + ", " + settings.trustStore()
                    + ": cannot build a TLS context (" + e.getMessage() + ")", e);
        }
        String[] suites = cipherSuites(settings, context);
        String[] protocols = protocols(settings, context);
        LOG.info("quorum TLS: {} with {} and {}, hostname verification {}", String.join(",", protocols),
                settings.keyStore(), settings.trustStore(), settings.hostnameVerification() ? "on" : "off");
        return new QuorumTls(settings, context, protocols, suites);
    }

    private static TrustManager identityChecking(TrustManagerFactory factory, boolean verifyAddress) throws TlsConfigException {
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return new PeerIdentityTrustManager(x509, verifyAddress);
            }
        }
        throw new TlsConfigException("this JDK offers no X.509 trust manager");
    }

    private static String[] cipherSuites(TlsSettings settings, SSLContext context) throws TlsConfigException {
        if (settings.cipherSuites().isEmpty()) {
            return null;
        }
        Set<String> supported = Set.of(context.getSupportedSSLParameters().getCipherSuites());
        List<String> unknown = settings.cipherSuites().stream().filter(s -> !supported.contains(s)).toList();
        if (!unknown.isEmpty()) {
            throw new TlsConfigException(TlsSettings.CIPHER_SUITES + ": " + unknown + " not supported by this JDK");
        }
        return settings.cipherSuites().toArray(String[]::new);
    }

    /** A versioned protocol is the only one enabled, as ZooKeeper's default enabledProtocols; "TLS" leaves the JDK's. */
    private static String[] protocols(TlsSettings settings, SSLContext context) {
        Set<String> supported = Set.of(context.getSupportedSSLParameters().getProtocols());
        if (supported.contains(settings.protocol())) {
            return new String[] {settings.protocol()};
        }
        return context.getDefaultSSLParameters().getProtocols();
    }

    public TlsSettings settings() {
        return settings;
    }

    @Override
    public Socket newSocket() throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        socket.setUseClientMode(true);
        configure(socket);
        return socket;
    }

    @Override
    public ServerSocket newServerSocket() throws IOException {
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        server.setUseClientMode(false);
        server.setNeedClientAuth(true);
        server.setEnabledProtocols(protocols);
        if (cipherSuites != null) {
            server.setEnabledCipherSuites(cipherSuites);
        }
        return server;
    }

    /**
     * The handshake, bounded by {@code timeout}; a failure is logged with the peer's address and
     * the reason, and rethrown for the caller to close the socket.
     */
    @Override
    public void secure(Socket socket, Duration timeout) throws IOException {
        if (!(socket instanceof SSLSocket ssl)) {
            throw new IOException("not a TLS socket: " + socket);
        }
        int previous = ssl.getSoTimeout();
        try {
            ssl.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            ssl.startHandshake();
            ssl.setSoTimeout(previous);
        } catch (IOException e) {
            String reason = e instanceof SocketTimeoutException
                    ? "no handshake within " + timeout.toMillis() + " ms" : reason(e);
            LOG.warn("TLS handshake with {} failed: {}", socket.getRemoteSocketAddress(), reason);
            throw new IOException("TLS handshake failed: " + reason, e);
        }
    }

    private void configure(SSLSocket socket) {
        socket.setEnabledProtocols(protocols);
        if (cipherSuites != null) {
            socket.setEnabledCipherSuites(cipherSuites);
        }
    }

    /** The message and its causes' messages: PKIX failures hide the useful part in a cause. */
    private static String reason(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "TLS " + Arrays.toString(protocols) + " with " + settings.keyStore();
    }
}
