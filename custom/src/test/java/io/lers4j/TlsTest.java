package io.lers4j;

import io.lers4j.api.NodesApi;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A LERS server on HTTPS with a certificate from its own authority, as on-premises servers have. */
class TlsTest extends TestSupport {

    private static final String NODES = "{\"nodes\":[{\"id\":1,\"title\":\"Котельная\"}]}";
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();

    /** Real time, not the suite's fixed date: the JDK checks the server certificate's dates by it too. */
    private final long realNow = System.currentTimeMillis();
    private final MutableClock clientClock = new MutableClock(Instant.ofEpochMilli(realNow));

    private HeldCertificate utilityCa;

    @BeforeEach
    void serveHttpsWithTheUtilitysOwnCa() {
        // explicit validity from an hour ago: the default starts "now", which a certificate stores in
        // whole seconds, so it could begin after realNow and be "not yet valid" by the client's clock
        utilityCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("Utility Root CA")
                .validityInterval(realNow - HOUR, realNow + DAY).build();
        HeldCertificate serverCertificate = new HeldCertificate.Builder()
                .addSubjectAlternativeName(server.getHostName()).commonName("lers").signedBy(utilityCa)
                .validityInterval(realNow - HOUR, realNow + DAY).build();
        HandshakeCertificates serverSide = new HandshakeCertificates.Builder()
                .heldCertificate(serverCertificate, utilityCa.certificate()).build();
        server.useHttps(serverSide.sslSocketFactory());
    }

    private LersClient.Builder https() {
        return LersClient.builder().baseUrl(server.url("/").toString()).token("tok-1").sleeper(sleeps::add);
    }

    private static int nodes(LersClient lers) {
        return lers.nodes().getNodes().execute().getNodes().size();
    }

    /** A self-signed server certificate, as small installations have, served instead of the CA-signed one. */
    private HeldCertificate serveSelfSigned(String name, long notBefore, long notAfter) {
        HeldCertificate own = new HeldCertificate.Builder().addSubjectAlternativeName(server.getHostName())
                .commonName(name).validityInterval(notBefore, notAfter).build();
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(own).build().sslSocketFactory());
        return own;
    }

    /** Counts TLS handshakes started; no connection is kept (HTTP/2 would share one), so each call makes its own. */
    private static OkHttpClient countingHandshakes(AtomicInteger handshakes) {
        return new OkHttpClient.Builder().protocols(List.of(Protocol.HTTP_1_1))
                .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).eventListener(new EventListener() {
            @Override
            public void secureConnectStart(Call call) {
                handshakes.incrementAndGet();
            }
        }).build();
    }

    private static void release(OkHttpClient http) {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Test
    void anUnknownAuthorityIsRefusedAtOnceAndNotRetried() {
        try (LersClient lers = https().build()) {
            LersTransportException e = assertThrows(LersTransportException.class, () -> nodes(lers));
            assertEquals(1, e.attempts());
            assertTrue(e.getMessage().contains("SSLHandshakeException"), e.getMessage());
        }
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void thePemOfTheAuthorityIsTrustedBesideTheSystemOnes(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("utility-ca.pem");
        Files.writeString(pem, utilityCa.certificatePem());
        server.enqueue(json(NODES));
        try (LersClient lers = https().trustCertificates(pem).build()) {
            assertEquals(1, nodes(lers));
        }
        assertEquals("https", take().getUrl().scheme());
    }

    @Test
    void aKeyStoreWorksToo() throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("utility", utilityCa.certificate());
        server.enqueue(json(NODES));
        try (LersClient lers = https().trustStore(store).build()) {
            assertEquals(1, nodes(lers));
        }
    }

    @Test
    void anotherAuthorityDoesNotHelp(@TempDir Path dir) throws Exception {
        HeldCertificate otherCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("Other CA").build();
        Path pem = dir.resolve("other.pem");
        Files.writeString(pem, otherCa.certificatePem());
        try (LersClient lers = https().trustCertificates(pem).build()) {
            assertThrows(LersTransportException.class, () -> nodes(lers));
        }
    }

    @Test
    void aFileWithoutCertificatesIsRefusedWhenBuilding(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.pem");
        Files.writeString(empty, "not a certificate");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> https().trustCertificates(empty));
        assertTrue(e.getMessage().contains("empty.pem"), e.getMessage());
    }

    @Test
    void anExpiredPinnedCertificateIsRefusedWhenBuilding(@TempDir Path dir) throws Exception {
        HeldCertificate expired = serveSelfSigned("lers-old", realNow - 30 * DAY, realNow - DAY);
        Path pem = dir.resolve("lers-old.pem");
        Files.writeString(pem, expired.certificatePem());
        LersClient.Builder builder = https().trustCertificates(pem);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
        assertEquals("The certificate to trust CN=lers-old expired on "
                + Instant.ofEpochMilli(realNow - DAY).truncatedTo(ChronoUnit.SECONDS)
                + "; renew it and pass the renewed certificate to trustCertificates", e.getMessage());
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aNotYetValidPinnedCertificateIsRefusedWhenBuilding() {
        HeldCertificate early = serveSelfSigned("lers-next", realNow + DAY, realNow + 30 * DAY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> https().trustCertificates(early.certificate()).build());
        assertTrue(e.getMessage().startsWith("The certificate to trust CN=lers-next is not valid before "), e.getMessage());
        assertTrue(e.getMessage().contains("replace it"), e.getMessage());
    }

    @Test
    void thePinnedCertificateIsJudgedByTheClockGivenLast() {
        HeldCertificate expired = serveSelfSigned("lers-old", realNow - 30 * DAY, realNow - DAY);
        LersClient.Builder builder = https().trustCertificates(expired.certificate())
                .clock(new MutableClock(Instant.ofEpochMilli(realNow - 2 * DAY)));
        builder.build().close();
        assertThrows(IllegalArgumentException.class, () -> builder.clock(clientClock).build());
    }

    @Test
    void aValidSelfSignedPinnedCertificateWorks() throws Exception {
        HeldCertificate own = serveSelfSigned("lers", realNow - HOUR, realNow + HOUR);
        server.enqueue(json(NODES));
        try (LersClient lers = https().clock(clientClock).trustCertificates(own.certificate()).build()) {
            assertEquals(1, nodes(lers));
        }
        assertEquals("https", take().getUrl().scheme());
    }

    @Test
    void aPinnedCertificateExpiredByTheClientsClockIsRefusedAtTheHandshakeOnce() {
        HeldCertificate own = serveSelfSigned("lers", realNow - HOUR, realNow + HOUR);
        AtomicInteger handshakes = new AtomicInteger();
        OkHttpClient http = countingHandshakes(handshakes);
        try (LersClient lers = LersClient.builder().baseUrl(server.url("/").toString()).credentials("api1", PASSWORD)
                .httpClient(http).clock(clientClock).sleeper(sleeps::add).trustCertificates(own.certificate()).build()) {
            clientClock.advance(Duration.ofHours(2));
            LersTransportException e = assertThrows(LersTransportException.class, () -> nodes(lers));
            assertEquals(1, e.attempts());
            assertTrue(e.getMessage().contains("The trusted certificate CN=lers expired on "), e.getMessage());
            assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
        } finally {
            release(http);
        }
        assertEquals(1, handshakes.get());
        assertEquals(0, server.getRequestCount());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void aLongRunningClientRefusesItsPinnedCertificateOnceItHasExpired() {
        HeldCertificate own = serveSelfSigned("lers", realNow - HOUR, realNow + HOUR);
        server.enqueue(json(NODES));
        AtomicInteger handshakes = new AtomicInteger();
        OkHttpClient http = countingHandshakes(handshakes);
        try (LersClient lers = https().httpClient(http).clock(clientClock).trustCertificates(own.certificate()).build()) {
            assertEquals(1, nodes(lers));
            clientClock.advance(Duration.ofHours(2));
            LersTransportException e = assertThrows(LersTransportException.class, () -> nodes(lers));
            assertEquals(1, e.attempts());
            assertTrue(e.getMessage().contains("expired on"), e.getMessage());
            assertFalse(e.getMessage().contains("tok-1"), e.getMessage());
        } finally {
            release(http);
        }
        assertEquals(2, handshakes.get());
        assertEquals(1, server.getRequestCount());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void anExpiredServerCertificateUnderThePinnedAuthorityIsRefusedAtTheHandshake(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("utility-ca.pem");
        Files.writeString(pem, utilityCa.certificatePem());
        try (LersClient lers = https().clock(clientClock).trustCertificates(pem).build()) {
            clientClock.advance(Duration.ofDays(2)); // HeldCertificate's default: valid for a day
            LersTransportException e = assertThrows(LersTransportException.class, () -> nodes(lers));
            assertEquals(1, e.attempts());
            assertTrue(e.getMessage().contains("The server's certificate CN=lers expired on "), e.getMessage());
            assertTrue(e.getMessage().contains("renew it on the server"), e.getMessage());
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aPinnedCertificateNotYetValidByTheClientsClockIsRefusedAtTheHandshake() {
        HeldCertificate own = serveSelfSigned("lers", realNow - HOUR, realNow + HOUR);
        try (LersClient lers = https().clock(clientClock).trustCertificates(own.certificate()).build()) {
            clientClock.advance(Duration.ofHours(-2));
            LersTransportException e = assertThrows(LersTransportException.class, () -> nodes(lers));
            assertEquals(1, e.attempts());
            assertTrue(e.getMessage().contains("CN=lers is not valid before "), e.getMessage());
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void anExpiredAuthorityInAKeyStoreIsRefusedAtTheHandshake() throws Exception {
        HeldCertificate oldCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("Old Utility CA")
                .validityInterval(realNow - 30 * DAY, realNow - DAY).build();
        HeldCertificate leaf = new HeldCertificate.Builder().addSubjectAlternativeName(server.getHostName())
                .commonName("lers").signedBy(oldCa).validityInterval(realNow - HOUR, realNow + HOUR).build();
        // only the server's own certificate: the authority is known solely from the key store
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(leaf).build().sslSocketFactory());
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("utility", oldCa.certificate());
        try (LersClient lers = https().clock(clientClock).trustStore(store).build()) {
            LersTransportException e = assertThrows(LersTransportException.class, () -> nodes(lers));
            assertEquals(1, e.attempts());
            assertTrue(e.getMessage().contains("The trusted certificate CN=Old Utility CA expired on "), e.getMessage());
        }
        assertEquals(0, server.getRequestCount());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void aValidAuthorityStillWorksWhenTheServerSendsOnlyItsOwnCertificate() throws Exception {
        HeldCertificate leaf = new HeldCertificate.Builder().addSubjectAlternativeName(server.getHostName())
                .commonName("lers").signedBy(utilityCa).validityInterval(realNow - HOUR, realNow + DAY).build();
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(leaf).build().sslSocketFactory());
        server.enqueue(json(NODES));
        try (LersClient lers = https().clock(clientClock).trustCertificates(utilityCa.certificate()).build()) {
            assertEquals(1, nodes(lers));
        }
    }
}
