package io.lers4j.tools;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An on-premises server with a certificate from the operator's own CA. The certificate is made with the JDK's
 * keytool for 127.0.0.1; it is self-signed, so it is its own CA.
 */
class FetchHttpsTest {

    private static final char[] STORE_PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;

    private static FakeLersServer server;
    private static Path caPem;

    @BeforeAll
    static void startHttpsServer() throws Exception {
        Path store = dir.resolve("server.p12");
        caPem = dir.resolve("lers-ca.pem");
        keytool("-genkeypair", "-alias", "lers", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "lers", "-keystore", store.toString(), "-storepass", "changeit",
                "-file", caPem.toString());

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, STORE_PASSWORD);
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, STORE_PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        server = FakeLersServer.https(tls).serve(SpecDocumentTest.UNSORTED);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, process.exitValue(), output);
    }

    @Test
    void trustsTheGivenCa() throws Exception {
        Path out = dir.resolve("with-ca.json");
        SpecToolTest.Result r = SpecToolTest.run(Map.of(), "fetch", "--url", server.baseUrl(), "--ca-cert",
                caPem.toString(), "--out", out.toString());
        assertEquals(SpecTool.OK, r.code(), r::toString);
        assertEquals(SpecDocumentTest.STABLE, Files.readString(out));
    }

    @Test
    void withoutTheCaTheServerIsNotTrusted() {
        Path out = dir.resolve("without-ca.json");
        SpecToolTest.Result r = SpecToolTest.run(Map.of(), "fetch", "--url", server.baseUrl(), "--out",
                out.toString());
        assertEquals(SpecTool.FAILED, r.code(), r::toString);
        assertTrue(r.err().contains("cannot reach " + server.baseUrl()), r::toString);
        assertTrue(r.err().contains("SSLHandshakeException"), r::toString);
        assertFalse(Files.exists(out));
    }

    @Test
    void aFileWithoutCertificatesIsRefused() throws Exception {
        Path notPem = dir.resolve("not-a-cert.pem");
        Files.writeString(notPem, "hello");
        SpecToolTest.Result r = SpecToolTest.run(Map.of(), "fetch", "--url", server.baseUrl(), "--ca-cert",
                notPem.toString(), "--out", dir.resolve("x.json").toString());
        assertEquals(SpecTool.FAILED, r.code(), r::toString);
        assertFalse(Files.exists(dir.resolve("x.json")));
    }
}
