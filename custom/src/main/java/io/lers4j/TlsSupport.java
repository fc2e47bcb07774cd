package io.lers4j;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Trust for on-premises LERS servers with their own certificate authority: the system's
 * authorities plus the given certificates. Hostname verification stays on; nothing here trusts
 * everything. PKIX does not check the dates of a trust anchor, so the pinned path checks them here.
 */
final class TlsSupport {

    private TlsSupport() {
    }

    static List<X509Certificate> readPem(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : read) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("No certificate in " + pem);
            }
            return out;
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("Cannot read certificates from " + pem + ": " + e.getMessage(), e);
        }
    }

    /** Refuses, before any connection, a certificate to trust that is expired or not yet valid by {@code clock}. */
    static void requireValidNow(List<X509Certificate> certificates, Clock clock) {
        Date now = Date.from(clock.instant());
        for (X509Certificate c : certificates) {
            if (now.after(c.getNotAfter())) {
                throw new IllegalArgumentException("The certificate to trust " + subject(c) + " expired on "
                        + date(c.getNotAfter()) + "; renew it and pass the renewed certificate to trustCertificates");
            }
            if (now.before(c.getNotBefore())) {
                throw new IllegalArgumentException("The certificate to trust " + subject(c) + " is not valid before "
                        + date(c.getNotBefore()) + "; check this machine's clock or replace it with a certificate valid now");
            }
        }
    }

    /**
     * A trust manager accepting what the JDK's default trust store or the extra certificates accept;
     * on the extra certificates' path every certificate must also be valid by {@code clock}.
     */
    static X509TrustManager trusting(List<X509Certificate> extra, KeyStore extraStore, Clock clock) {
        try {
            X509TrustManager system = fromStore(null);
            KeyStore store = extraStore;
            if (store == null) {
                store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (X509Certificate c : extra) {
                    store.setCertificateEntry("lers-" + (i++), c);
                }
            }
            X509TrustManager custom = fromStore(store);
            return new EitherTrustManager(custom, system, clock);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot set up TLS trust: " + e.getMessage(), e);
        }
    }

    static SSLContext context(X509TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * Sockets of {@link #context}; with a {@link #trusting} manager, each new connection first drops
     * the cached sessions it would no longer accept, as a resumed handshake does not consult it.
     */
    static SSLSocketFactory socketFactory(X509TrustManager trust) {
        SSLContext context = context(trust);
        if (!(trust instanceof EitherTrustManager)) {
            return context.getSocketFactory();
        }
        return new SessionCheckingSocketFactory(context.getSocketFactory(), context.getClientSessionContext(),
                (EitherTrustManager) trust);
    }

    private static X509TrustManager fromStore(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(store);
        for (TrustManager tm : f.getTrustManagers()) {
            if (tm instanceof X509TrustManager) {
                return (X509TrustManager) tm;
            }
        }
        throw new GeneralSecurityException("No X509TrustManager available");
    }

    private static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }

    private static String date(Date d) {
        return d.toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void checkDates(X509Certificate c, Date now, boolean trusted) throws CertificateException {
        String what = (trusted ? "The trusted certificate " : "The server's certificate ") + subject(c);
        if (now.after(c.getNotAfter())) {
            throw new CertificateExpiredException(what + " expired on " + date(c.getNotAfter()) + " (now " + date(now) + "); "
                    + (trusted ? "renew it and trust the renewed certificate (trustCertificates or trustStore)" : "renew it on the server"));
        }
        if (now.before(c.getNotBefore())) {
            throw new CertificateNotYetValidException(what + " is not valid before " + date(c.getNotBefore())
                    + " (now " + date(now) + "); check this machine's clock or replace the certificate");
        }
    }

    private static final class EitherTrustManager implements X509TrustManager {
        private final X509TrustManager first;
        private final X509TrustManager second;
        private final Clock clock;
        private final Set<X509Certificate> anchors;

        EitherTrustManager(X509TrustManager first, X509TrustManager second, Clock clock) {
            this.first = first;
            this.second = second;
            this.clock = clock;
            this.anchors = new HashSet<>(Arrays.asList(first.getAcceptedIssuers()));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            second.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (CertificateException notOurs) {
                second.checkServerTrusted(chain, authType);
                return;
            }
            try {
                checkPinnedPathDates(chain);
            } catch (CertificateException outdated) {
                // the system's authorities may still accept the chain on their own path
                try {
                    second.checkServerTrusted(chain, authType);
                } catch (CertificateException alsoRefused) {
                    outdated.addSuppressed(alsoRefused);
                    throw outdated;
                }
            }
        }

        /** The chain up to the pinned certificate, and that certificate itself when the server did not send it. */
        private void checkPinnedPathDates(X509Certificate[] chain) throws CertificateException {
            Date now = Date.from(clock.instant());
            for (X509Certificate c : chain) {
                if (anchors.contains(c)) {
                    checkDates(c, now, true);
                    return; // what the server sent beyond its trust anchor is not part of the path
                }
                checkDates(c, now, false);
            }
            X509Certificate last = chain[chain.length - 1];
            CertificateException outdated = null;
            for (X509Certificate anchor : anchors) {
                if (!issued(anchor, last)) {
                    continue;
                }
                try {
                    checkDates(anchor, now, true);
                    return; // e.g. the renewed one beside the old, with the same key
                } catch (CertificateException e) {
                    outdated = e;
                }
            }
            if (outdated != null) {
                throw outdated;
            }
        }

        private static boolean issued(X509Certificate issuer, X509Certificate c) {
            if (!issuer.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                return false;
            }
            try {
                c.verify(issuer.getPublicKey());
                return true;
            } catch (GeneralSecurityException e) {
                return false;
            }
        }

        /** Invalidates the cached sessions whose certificates are no longer valid by the clock. */
        void forgetOutdated(SSLSessionContext sessions) {
            for (Enumeration<byte[]> ids = sessions.getIds(); ids.hasMoreElements(); ) {
                SSLSession session = sessions.getSession(ids.nextElement());
                if (session == null) {
                    continue;
                }
                try {
                    Certificate[] peer = session.getPeerCertificates();
                    checkPinnedPathDates(Arrays.copyOf(peer, peer.length, X509Certificate[].class));
                } catch (SSLPeerUnverifiedException | CertificateException | ArrayStoreException e) {
                    session.invalidate();
                }
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            X509Certificate[] a = first.getAcceptedIssuers();
            X509Certificate[] b = second.getAcceptedIssuers();
            X509Certificate[] all = new X509Certificate[a.length + b.length];
            System.arraycopy(a, 0, all, 0, a.length);
            System.arraycopy(b, 0, all, a.length, b.length);
            return all;
        }
    }

    private static final class SessionCheckingSocketFactory extends SSLSocketFactory {
        private final SSLSocketFactory sockets;
        private final SSLSessionContext sessions;
        private final EitherTrustManager trust;

        SessionCheckingSocketFactory(SSLSocketFactory sockets, SSLSessionContext sessions, EitherTrustManager trust) {
            this.sockets = sockets;
            this.sessions = sessions;
            this.trust = trust;
        }

        private SSLSocketFactory checked() {
            trust.forgetOutdated(sessions);
            return sockets;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return sockets.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return sockets.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return checked().createSocket();
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return checked().createSocket(s, host, port, autoClose);
        }

        @Override
        public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
            return checked().createSocket(s, consumed, autoClose);
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return checked().createSocket(host, port);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return checked().createSocket(host, port, localHost, localPort);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return checked().createSocket(host, port);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return checked().createSocket(address, port, localAddress, localPort);
        }
    }
}
