package io.quorum.transport.tls;

import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's PKIX trust decision, then ZooKeeper's {@code ssl.quorum.hostnameVerification} on both
 * sides: the peer's certificate must name the address of the socket (the address we dialled, or
 * the one an accepted connection comes from) as an IP or DNS subject alternative name. Without
 * it, any holder of a certificate from the same CA could pose as any server.
 */
final class PeerIdentityTrustManager extends X509ExtendedTrustManager {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private final X509ExtendedTrustManager delegate;
    private final boolean verifyAddress;

    PeerIdentityTrustManager(X509ExtendedTrustManager delegate, boolean verifyAddress) {
        this.delegate = delegate;
        this.verifyAddress = verifyAddress;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
        verify(chain, socket == null ? null : socket.getInetAddress());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, socket);
        verify(chain, socket == null ? null : socket.getInetAddress());
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
        verify(chain, engine == null ? null : resolve(engine.getPeerHost()));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, engine);
        verify(chain, engine == null ? null : resolve(engine.getPeerHost()));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
        verify(chain, null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
        verify(chain, null);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    private void verify(X509Certificate[] chain, InetAddress address) throws CertificateException {
        if (!verifyAddress) {
            return;
        }
        if (address == null) {
            throw new CertificateException("hostname verification is on but the peer's address is unknown");
        }
        X509Certificate leaf = chain[0];
        List<String> names = new ArrayList<>();
        if (names(leaf, address, names)) {
            return;
        }
        throw new CertificateException("the certificate of " + leaf.getSubjectX500Principal().getName() + " names "
                + names + ", not the peer's address " + address.getHostAddress()
                + " (" + TlsSettings.HOSTNAME_VERIFICATION + ")");
    }

    /** Whether the certificate names {@code address}; collects the names it has for the message. */
    private static boolean names(X509Certificate leaf, InetAddress address, List<String> seen)
            throws CertificateParsingException {
        Collection<List<?>> alternatives = leaf.getSubjectAlternativeNames();
        List<String> dnsNames = new ArrayList<>();
        if (alternatives != null) {
            for (List<?> entry : alternatives) {
                int kind = (Integer) entry.get(0);
                String value = String.valueOf(entry.get(1));
                if (kind == SAN_IP) {
                    seen.add("ip:" + value);
                    if (sameIp(value, address)) {
                        return true;
                    }
                } else if (kind == SAN_DNS) {
                    seen.add("dns:" + value);
                    dnsNames.add(value);
                }
            }
        }
        if (alternatives == null || alternatives.isEmpty()) {
            // As ZooKeeper's verifier: the common name only when there are no alternative names.
            commonName(leaf).ifPresent(cn -> {
                seen.add("cn:" + cn);
                dnsNames.add(cn);
            });
        }
        if (dnsNames.isEmpty()) {
            return false;
        }
        // A reverse lookup only when a DNS name could match, as ZooKeeper falls back to one.
        String host = address.getHostName().toLowerCase(Locale.ROOT);
        return dnsNames.stream().anyMatch(name -> dnsMatches(name.toLowerCase(Locale.ROOT), host));
    }

    private static boolean sameIp(String literal, InetAddress address) {
        try {
            // A literal address: getByName does no lookup.
            return InetAddress.getByName(literal).equals(address);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Exact, or a leading {@code *.} standing for exactly one label. */
    static boolean dnsMatches(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot).equals(pattern.substring(1));
        }
        return pattern.equals(host);
    }

    private static Optional<String> commonName(X509Certificate leaf) {
        try {
            for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static InetAddress resolve(String host) {
        try {
            return host == null ? null : InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
