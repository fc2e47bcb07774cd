package io.lers4j.tools;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecToolTest {

    @TempDir
    Path dir;

    private FakeLersServer server;
    private Path out;

    @BeforeEach
    void start() throws Exception {
        server = FakeLersServer.http();
        out = dir.resolve("api-spec/lers-v1.swagger.json");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    static Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new SpecTool(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env).run(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Result fetch(String... extra) {
        String[] args = new String[extra.length + 5];
        args[0] = "fetch";
        args[1] = "--url";
        args[2] = server.baseUrl() + "/";
        args[3] = "--out";
        args[4] = out.toString();
        System.arraycopy(extra, 0, args, 5, extra.length);
        return run(Map.of(), args);
    }

    private static String stable(Path document) throws Exception {
        return SpecDocument.parse(TestFiles.text(document), "x").stableText();
    }

    @Test
    void bothDocumentsAreFetchedWithOneLoginAndReportedEachOnItsOwn() throws Exception {
        Path v01 = out.resolveSibling(SpecTool.V01_FILE);
        server.requireLogin().serve(SpecDocumentTest.UNSORTED).serveV01(TestFiles.text(TestFiles.currentV01Spec()));
        Result first = fetch("--login", FakeLersServer.LOGIN, "--password", FakeLersServer.PASSWORD);
        assertEquals(SpecTool.OK, first.code(), first::toString);
        assertEquals(1, server.logins.size(), "one login for both documents");
        assertTrue(first.out().contains("/api/swagger/v0.1/swagger.json: Swagger 2.0, 363 operations"), first::toString);
        assertEquals(TestFiles.text(TestFiles.currentV01Spec()), Files.readString(v01, StandardCharsets.UTF_8));
        assertEquals(SpecDocumentTest.STABLE, Files.readString(out, StandardCharsets.UTF_8));

        // v0.1 loses its operations: that document is refused, v1 (unchanged) stays written
        server.serveV01(SpecDocumentTest.UNSORTED);
        byte[] keptV01 = Files.readAllBytes(v01);
        Result second = fetch("--login", FakeLersServer.LOGIN, "--password", FakeLersServer.PASSWORD);
        assertEquals(SpecTool.BREAKING, second.code(), second::toString);
        assertTrue(second.out().contains("No changes: " + out + " is up to date."), second::toString);
        assertTrue(second.out().contains("BREAKING    GET /api/v0.1/Poll/PollPorts/Status removed"), second::toString);
        assertTrue(second.err().contains("Not written: ") && second.err().contains(v01.toString()), second::toString);
        assertArrayEquals(keptV01, Files.readAllBytes(v01));

        Result onlyV1 = fetch("--login", FakeLersServer.LOGIN, "--password", FakeLersServer.PASSWORD, "--api", "v1");
        assertEquals(SpecTool.OK, onlyV1.code(), onlyV1::toString);
        assertFalse(onlyV1.out().contains("v0.1"), onlyV1::toString);
    }

    @Test
    void aServerWithoutAV01DocumentLeavesThatFileAlone() throws Exception {
        Path v01 = dir.resolve("elsewhere/v01.json");
        server.serve(SpecDocumentTest.UNSORTED);
        Result r = fetch("--out-v01", v01.toString());
        assertEquals(SpecTool.OK, r.code(), r::toString);
        assertTrue(r.out().contains("the server publishes no v0.1 document; " + v01 + " is left as it is."), r::toString);
        assertFalse(Files.exists(v01));
        assertTrue(Files.exists(out));

        Result asked = fetch("--api", "v0.1", "--out-v01", v01.toString());
        assertEquals(SpecTool.FAILED, asked.code(), asked::toString);
        assertTrue(asked.err().contains("answered HTTP 404"), asked::toString);
        assertUsage(fetch("--api", "v2"), "--api is all, v1 or v0.1, not v2");
    }

    @Test
    void fetchWritesTheStableForm() throws Exception {
        server.serve(SpecDocumentTest.UNSORTED);
        Result r = fetch();
        assertEquals(SpecTool.OK, r.code(), r::toString);
        assertEquals(SpecDocumentTest.STABLE, Files.readString(out, StandardCharsets.UTF_8));
        assertTrue(r.out().contains("Fetched " + server.baseUrl() + "/api/swagger/v1/swagger.json: Swagger 2.0, "
                + "2 operations"), r::toString);
        assertTrue(r.out().contains("there was no document to compare with"), r::toString);
        assertEquals("", server.authorizations.get(0), "no credentials given, none sent");
    }

    @Test
    void aSecondFetchOfTheSameDocumentChangesNothing() throws Exception {
        // the repository file as the server would send it: no newline at the end, paths in the server's order
        server.serve(TestFiles.text(TestFiles.currentSpec()));
        assertEquals(SpecTool.OK, fetch().code());
        byte[] first = Files.readAllBytes(out);
        Files.setLastModifiedTime(out, FileTime.fromMillis(86_400_000L));

        Result again = fetch();
        assertEquals(SpecTool.OK, again.code(), again::toString);
        assertTrue(again.out().contains("No changes: " + out + " is up to date."), again::toString);
        assertArrayEquals(first, Files.readAllBytes(out));
        assertEquals(FileTime.fromMillis(86_400_000L), Files.getLastModifiedTime(out), "not even rewritten");
        assertEquals(stable(TestFiles.currentSpec()), new String(first, StandardCharsets.UTF_8));
    }

    @Test
    void aBreakingChangeIsReportedAndNotWrittenUnlessAccepted() throws Exception {
        Path current = TestFiles.currentSpec();
        server.serve(TestFiles.text(current));
        assertEquals(SpecTool.OK, fetch().code());
        byte[] kept = Files.readAllBytes(out);

        // a server that still publishes the 2020 API: the current client would lose the newer operations
        server.serve(TestFiles.text(TestFiles.resource("lers-v1-2020.swagger.json")));
        Result refused = fetch();
        assertEquals(SpecTool.BREAKING, refused.code(), refused::toString);
        assertTrue(refused.out().contains("\n  BREAKING    GET /api/v1/Core/Nodes removed\n"), refused::toString);
        assertTrue(refused.out().contains("\n  BREAKING    property values renamed to dataParameters "
                + "(same type array<DataParameterValue>)\n"), refused::toString);
        assertTrue(refused.err().contains("Not written: "), refused::toString);
        assertArrayEquals(kept, Files.readAllBytes(out), "the old document stays");

        Result accepted = fetch("--accept-breaking");
        assertEquals(SpecTool.OK, accepted.code(), accepted::toString);
        assertTrue(accepted.out().contains("(breaking changes accepted)"), accepted::toString);
        assertEquals(stable(TestFiles.resource("lers-v1-2020.swagger.json")), Files.readString(out));
    }

    @Test
    void aCompatibleChangeIsReportedAndWritten() throws Exception {
        server.serve(TestFiles.text(TestFiles.resource("pairs/added-operation/old.json")));
        assertEquals(SpecTool.OK, fetch().code());
        Path newer = TestFiles.resource("pairs/added-operation/new.json");
        server.serve(TestFiles.text(newer));

        Result r = fetch();
        assertEquals(SpecTool.OK, r.code(), r::toString);
        assertTrue(r.out().contains("\n  compatible  GET /api/v1/ServerInfo/Extra added\n"), r::toString);
        assertTrue(r.out().contains("\n0 breaking, 1 compatible changes\n"), r::toString);
        assertEquals(stable(newer), Files.readString(out));
    }

    @Test
    void anInvalidDocumentWritesNothing() throws Exception {
        server.serveAs("text/html", "<!DOCTYPE html><html><body>Service Unavailable</body></html>");
        Result html = fetch();
        assertEquals(SpecTool.FAILED, html.code(), html::toString);
        assertTrue(html.err().contains("/api/swagger/v1/swagger.json is not JSON"), html::toString);
        assertTrue(html.err().contains("Nothing was written for v1."), html::toString);
        assertFalse(Files.exists(out));

        Files.createDirectories(out.getParent());
        Files.writeString(out, SpecDocumentTest.STABLE);
        server.serve("{\"swagger\":\"2.0\",\"info\":{\"title\":\"t\",\"version\":\"v1\"},\"paths\":{}}");
        Result empty = fetch();
        assertEquals(SpecTool.FAILED, empty.code(), empty::toString);
        assertTrue(empty.err().contains("has no paths"), empty::toString);
        assertEquals(SpecDocumentTest.STABLE, Files.readString(out));

        server.serve("{\"openapi\":\"3.0.1\",\"paths\":{\"/x\":{\"get\":{}}}}");
        Result invalid = fetch("--accept-breaking");
        assertEquals(SpecTool.FAILED, invalid.code(), invalid::toString);
        assertTrue(invalid.err().contains("is not a valid OpenAPI 3.0.1 document"), invalid::toString);
        assertEquals(SpecDocumentTest.STABLE, Files.readString(out));
    }

    @Test
    void logsInFirstAndSendsTheToken() throws Exception {
        server.requireLogin().serve(SpecDocumentTest.UNSORTED);
        Result r = fetch("--login", FakeLersServer.LOGIN, "--password", FakeLersServer.PASSWORD);
        assertEquals(SpecTool.OK, r.code(), r::toString);
        assertEquals(1, server.logins.size());
        assertEquals(FakeLersServer.LOGIN, server.logins.get(0).get("login").getAsString());
        assertEquals(FakeLersServer.PASSWORD, server.logins.get(0).get("password").getAsString());
        assertEquals("lers4j-tools", server.logins.get(0).get("application").getAsString());
        assertEquals("Bearer " + FakeLersServer.TOKEN, server.authorizations.get(0));
    }

    @Test
    void aRefusedLoginSaysWhyAndWritesNothing() {
        server.requireLogin().serve(SpecDocumentTest.UNSORTED);
        Result r = fetch("--login", FakeLersServer.LOGIN, "--password", "wrong secret");
        assertEquals(SpecTool.FAILED, r.code(), r::toString);
        assertTrue(r.err().contains("login as integrator failed: HTTP 422: Неверный логин или пароль"), r::toString);
        assertFalse(r.err().contains("wrong secret"), "the password is never printed");
        assertTrue(server.authorizations.isEmpty(), "no download without a token");
        assertFalse(Files.exists(out));
    }

    @Test
    void aProtectedDocumentWithoutCredentialsFailsClearly() {
        server.requireLogin().serve(SpecDocumentTest.UNSORTED);
        Result r = fetch();
        assertEquals(SpecTool.FAILED, r.code(), r::toString);
        assertTrue(r.err().contains("answered HTTP 401 (give --login/--password or --token)"), r::toString);
    }

    @Test
    void takesATokenAndTheUrlFromTheEnvironment() throws Exception {
        server.serve(SpecDocumentTest.UNSORTED);
        // empty options count as not given, as the Maven profile passes them
        Result r = run(Map.of("LERS_URL", server.baseUrl(), "LERS_TOKEN", "long-lived"),
                "fetch", "--url=", "--login=", "--password=", "--token=", "--out=" + out, "--accept-breaking=false");
        assertEquals(SpecTool.OK, r.code(), r::toString);
        assertEquals("Bearer long-lived", server.authorizations.get(0));
        assertTrue(server.logins.isEmpty());
    }

    @Test
    void reportsCommandLineMistakes() {
        assertUsage(run(Map.of(), "fetch", "--out", out.toString()), "fetch needs --url (or LERS_URL)");
        assertUsage(run(Map.of(), "fetch", "--url", server.baseUrl(), "--token", "t", "--login", "a", "--password",
                "b"), "give either --login and --password, or --token, not both");
        assertUsage(run(Map.of(), "fetch", "--url", server.baseUrl(), "--login", "a"),
                "--login and --password go together");
        assertUsage(run(Map.of(), "fetch", "--url", server.baseUrl(), "--trust-all"), "unknown option --trust-all");
        assertUsage(run(Map.of(), "fetch", "--url"), "--url needs a value");
        assertUsage(run(Map.of(), "upload"), "unknown command upload");
        assertUsage(run(Map.of()), "Usage:");
        assertTrue(server.authorizations.isEmpty());
    }

    private static void assertUsage(Result r, String message) {
        assertEquals(SpecTool.FAILED, r.code(), r::toString);
        assertTrue(r.err().contains(message), r::toString);
        assertTrue(r.err().contains("Usage:"), r::toString);
    }

    @Test
    void diffExitCodes() {
        String pairs = TestFiles.resource("pairs").toString();
        Result compatible = run(Map.of(), "diff", pairs + "/new-enum-value/old.json", pairs + "/new-enum-value/new.json");
        assertEquals(SpecTool.OK, compatible.code(), compatible::toString);
        assertTrue(compatible.out().endsWith("\n0 breaking, 1 compatible changes\n"), compatible::toString);

        Result breaking = run(Map.of(), "diff", pairs + "/renamed-property/old.json",
                pairs + "/renamed-property/new.json");
        assertEquals(SpecTool.BREAKING, breaking.code(), breaking::toString);
        assertTrue(breaking.out().endsWith("\n1 breaking, 0 compatible changes\n"), breaking::toString);

        assertUsage(run(Map.of(), "diff", pairs + "/renamed-property/old.json"), "diff needs two files");
        Result missing = run(Map.of(), "diff", pairs + "/renamed-property/old.json", pairs + "/nothing.json");
        assertEquals(SpecTool.FAILED, missing.code(), missing::toString);
        assertTrue(missing.err().contains("no such file: "), missing::toString);
    }

    @Test
    void diffRejectsAnInvalidDocument() throws Exception {
        Path html = dir.resolve("page.json");
        Files.writeString(html, "<html></html>");
        Result r = run(Map.of(), "diff", TestFiles.currentSpec().toString(), html.toString());
        assertEquals(SpecTool.FAILED, r.code(), r::toString);
        assertTrue(r.err().contains(html + " is not JSON"), r::toString);
        assertEquals("", r.out());
    }
}
