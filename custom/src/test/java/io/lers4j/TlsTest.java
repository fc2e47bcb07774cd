package io.lers4j;

import io.lers4j.api.NodesApi;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A LERS server on HTTPS with a certificate from its own authority, as on-premises servers have. */
class TlsTest extends TestSupport {

    private static final String NODES = "{\"nodes\":[{\"id\":1,\"title\":\"Котельная\"}]}";

    private HeldCertificate utilityCa;

    @BeforeEach
    void serveHttpsWithTheUtilitysOwnCa() {
        utilityCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("Utility Root CA").build();
        HeldCertificate serverCertificate = new HeldCertificate.Builder()
                .addSubjectAlternativeName(server.getHostName()).commonName("lers").signedBy(utilityCa).build();
        HandshakeCertificates serverSide = new HandshakeCertificates.Builder()
                .heldCertificate(serverCertificate, utilityCa.certificate()).build();
        server.useHttps(serverSide.sslSocketFactory());
    }

    private LersClient.Builder https() {
        return LersClient.builder().baseUrl(server.url("/").toString()).token("tok-1").sleeper(sleeps::add);
    }

    private static int nodes(LersClient lers) {
        return lers.call(NodesApi.class, api -> api.getNodes().execute()).getNodes().size();
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
}
