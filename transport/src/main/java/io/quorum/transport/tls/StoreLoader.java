package io.quorum.transport.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * Opens key and trust store files, turning every way they can be unusable into a
 * {@link TlsConfigException} that names the key and the file.
 */
final class StoreLoader {
    private StoreLoader() {
    }

    static KeyStore load(TlsSettings.Store store) throws TlsConfigException {
        String type = type(store);
        KeyStore keyStore;
        try {
            keyStore = KeyStore.getInstance(type);
        } catch (KeyStoreException e) {
            throw new TlsConfigException(store.typeKey() + "=" + type + " is not a store type this JDK reads"
                    + " (use PKCS12 or JKS)", e);
        }
        try (InputStream in = Files.newInputStream(store.location())) {
            keyStore.load(in, store.password().toCharArray());
            return keyStore;
        } catch (NoSuchFileException e) {
            throw new TlsConfigException(store + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new TlsConfigException(store + ": cannot be read (permission denied)", e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new TlsConfigException(store.passwordKey() + " is wrong for " + store.location()
                        + " (" + e.getMessage() + ")", e);
            }
            throw new TlsConfigException(store + ": not a readable " + type + " store (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException(store + ": cannot be loaded (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Checks that the key store holds a private key whose certificates are all valid at
     * {@code now}: an expired certificate would only show up as handshakes failing on every peer.
     */
    static void requireUsableKey(TlsSettings.Store store, KeyStore keyStore, Date now) throws TlsConfigException {
        try {
            List<String> keyAliases = new ArrayList<>();
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                }
            }
            if (keyAliases.isEmpty()) {
                throw new TlsConfigException(store + " holds no private key (only trusted certificates?)");
            }
            for (String alias : keyAliases) {
                Certificate[] chain = keyStore.getCertificateChain(alias);
                if (chain == null || chain.length == 0) {
                    throw new TlsConfigException(store + ": the key '" + alias + "' has no certificate");
                }
                for (Certificate certificate : chain) {
                    requireValid(store, alias, certificate, now);
                }
            }
        } catch (KeyStoreException e) {
            throw new TlsConfigException(store + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    static void requireCertificates(TlsSettings.Store store, KeyStore trustStore) throws TlsConfigException {
        try {
            if (trustStore.size() == 0) {
                throw new TlsConfigException(store + " holds no certificates: no peer could be trusted");
            }
        } catch (KeyStoreException e) {
            throw new TlsConfigException(store + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static void requireValid(TlsSettings.Store store, String alias, Certificate certificate, Date now)
            throws TlsConfigException {
        if (!(certificate instanceof X509Certificate x509)) {
            return;
        }
        try {
            x509.checkValidity(now);
        } catch (CertificateExpiredException e) {
            throw new TlsConfigException(store + ": the certificate " + x509.getSubjectX500Principal().getName()
                    + " of key '" + alias + "' expired on " + x509.getNotAfter().toInstant(), e);
        } catch (CertificateNotYetValidException e) {
            throw new TlsConfigException(store + ": the certificate " + x509.getSubjectX500Principal().getName()
                    + " of key '" + alias + "' is not valid before " + x509.getNotBefore().toInstant(), e);
        }
    }

    /** The configured type, else ZooKeeper's inference from the file name. */
    private static String type(TlsSettings.Store store) throws TlsConfigException {
        if (store.type().isPresent()) {
            String type = store.type().get().toUpperCase(Locale.ROOT);
            if (type.equals("PEM")) {
                throw pemUnsupported(store.typeKey() + "=PEM");
            }
            return type;
        }
        String name = store.location().getFileName() == null ? "" : store.location().getFileName().toString()
                .toLowerCase(Locale.ROOT);
        if (name.endsWith(".jks")) {
            return "JKS";
        }
        if (name.endsWith(".pem")) {
            throw pemUnsupported(store.toString());
        }
        // .p12, .pfx and anything else: PKCS12, the JDK's default, which also reads JKS files.
        return "PKCS12";
    }

    private static TlsConfigException pemUnsupported(String what) {
        return new TlsConfigException(what + ": PEM stores are not supported; convert them to PKCS12"
                + " (openssl pkcs12 -export, or keytool -importcert for certificates)");
    }
}
