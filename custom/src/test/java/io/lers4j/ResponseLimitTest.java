package io.lers4j;

import io.lers4j.api.IncidentsApi;
import io.lers4j.api.NodesApi;
import io.lers4j.model.CreateIncidentRequestParameters;
import io.lers4j.model.DeviceDataType;
import mockwebserver3.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever a server sends, the client holds a bounded amount of it. */
class ResponseLimitTest extends TestSupport {

    private static final long LIMIT = 256 * 1024;

    private EndlessServer endless;

    @AfterEach
    void stopEndless() throws IOException {
        if (endless != null) {
            endless.close();
        }
    }

    private LersClient limited(String baseUrl) {
        return LersClient.builder().baseUrl(baseUrl).token("tok-1").sleeper(sleeps::add).maxResponseSize(LIMIT).build();
    }

    private static String nodesOf(int bytes) {
        StringBuilder s = new StringBuilder("{\"nodes\":[");
        int i = 0;
        while (s.length() < bytes) {
            s.append(i == 0 ? "" : ",").append("{\"id\":").append(++i).append(",\"title\":\"Котельная № ").append(i).append("\"}");
        }
        return s.append("]}").toString();
    }

    @Test
    void anAnswerDeclaringMoreThanTheLimitIsRefusedWithoutReadingIt() {
        server.enqueue(json(nodesOf((int) (LIMIT * 4))));
        try (LersClient lers = limited(baseUrl())) {
            LersResponseTooLargeException e = assertThrows(LersResponseTooLargeException.class,
                    () -> lers.nodes().getNodes().execute());
            assertEquals(LIMIT, e.limit());
            assertEquals(1, e.attempts(), "a limit is not a reason to ask again");
            assertTrue(e.getMessage().contains("maxResponseSize (256 KiB)"), e.getMessage());
        }
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aChunkedAnswerIsCutOffWhileStreaming() {
        Buffer body = new Buffer().writeUtf8(nodesOf((int) (LIMIT * 4)));
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").chunkedBody(body, 8192).build());
        try (LersClient lers = limited(baseUrl())) {
            assertThrows(LersResponseTooLargeException.class, () -> lers.nodes().getNodes().execute());
        }
    }

    @Test
    void anAnswerJustUnderTheLimitIsRead() {
        String nodes = nodesOf((int) (LIMIT / 2));
        server.enqueue(json(nodes));
        try (LersClient lers = limited(baseUrl())) {
            assertTrue(lers.nodes().getNodes().execute().getNodes().size() > 1000);
        }
    }

    @Test
    void anEndlessArchiveAnswerStopsAtTheLimitAndIsNotRetried() throws IOException {
        endless = new EndlessServer("{\"hourConsumption\":[", "{\"dateTime\":\"2026-01-01T00:00:00\",\"values\":[]},");
        try (LersClient lers = limited(endless.url())) {
            LersResponseTooLargeException e = assertThrows(LersResponseTooLargeException.class, () -> lers.consumption(5,
                    DeviceDataType.HOUR, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2)).toList());
            assertEquals(1, e.attempts());
        }
        assertEquals(1, endless.connections.get());
        endless.assertClientHungUp();
    }

    @Test
    void anEndlessAnswerWithTheDefaultLimitEndsTypedInASmallHeap() throws IOException {
        // this module's tests run with -Xmx256m (pom.xml): holding the answer would be an OutOfMemoryError
        endless = new EndlessServer("{\"nodes\":[", "{\"id\":1,\"title\":\"Котельная\",\"address\":\"ул. Ленина, 1\"},");
        try (LersClient lers = LersClient.builder().baseUrl(endless.url()).token("tok-1").build()) {
            LersResponseTooLargeException e = assertThrows(LersResponseTooLargeException.class,
                    () -> lers.nodes().getNodes().execute());
            assertEquals(LersClient.DEFAULT_MAX_RESPONSE_SIZE, e.limit());
        }
        assertTrue(Runtime.getRuntime().maxMemory() <= 300L * 1024 * 1024, "run with a small heap");
        endless.assertClientHungUp();
    }

    @Test
    void anEndlessAnswerToAGeneratedCallStopsAtTheLimit() throws IOException {
        endless = new EndlessServer("{\"nodes\":[", "{\"id\":1,\"title\":\"x\"},");
        try (LersClient lers = limited(endless.url())) {
            assertThrows(LersResponseTooLargeException.class, () -> lers.nodes().getNodes().execute());
        }
        endless.assertClientHungUp();
    }

    @Test
    void anEndlessErrorBodyIsCutToAFewKilobytes() throws IOException {
        endless = new EndlessServer(500, "{\"errorMessage\":\"", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        try (LersClient lers = limited(endless.url())) {
            LersServerException e = assertThrows(LersServerException.class, () -> lers.incidents().createIncident().body(new CreateIncidentRequestParameters().description("x")).execute());
            assertTrue(e.body().length() <= ErrorMapper.MAX_BODY_CHARS + 1, "body kept: " + e.body().length());
            assertTrue(e.getMessage().length() < 1000, e.getMessage());
        }
        endless.assertClientHungUp();
    }

    @Test
    void manyTinyObjectsAreCountedNotJustBytes() throws IOException {
        // {} is two bytes but a model object of many fields in memory
        assertRefusedAsTooManyStructures("{\"nodes\":[", "{},");
    }

    @Test
    void openingBracketsAreCountedToo() throws IOException {
        // counted even inside a string: the count errs on the safe side, and this isolates '['
        assertRefusedAsTooManyStructures("{\"nodes\":[{\"title\":\"", "[[[[[[[[");
    }

    private void assertRefusedAsTooManyStructures(String head, String endlessItem) throws IOException {
        endless = new EndlessServer(head, endlessItem);
        try (LersClient lers = limited(endless.url())) {
            LersResponseTooLargeException e = assertThrows(LersResponseTooLargeException.class,
                    () -> lers.nodes().getNodes().execute());
            assertTrue(e.getMessage().contains("JSON objects and arrays"), e.getMessage());
        }
    }

    @Test
    void theDefaultLimitFitsTheLargestLegitimateAnswers() {
        // measured on the emulator: Core/MeasurePoints with every flag is 3.4 KB per point at ~290 bytes per object
        assertEquals(32L * 1024 * 1024, LersClient.DEFAULT_MAX_RESPONSE_SIZE);
        String nodes = nodesOf(4 * 1024 * 1024);
        server.enqueue(json(nodes));
        try (LersClient lers = LersClient.builder().baseUrl(baseUrl()).token("tok-1").build()) {
            assertTrue(lers.nodes().getNodes().execute().getNodes().size() > 100_000);
        }
    }

    @Test
    void theLimitHasAFloor() {
        assertThrows(IllegalArgumentException.class, () -> LersClient.builder().maxResponseSize(10));
    }

    /** Answers every connection with a status line, then {@code head} and {@code item} forever, chunked. */
    static final class EndlessServer implements AutoCloseable {
        final AtomicLong bytesSent = new AtomicLong();
        final java.util.concurrent.atomic.AtomicInteger connections = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.CountDownLatch hungUp = new java.util.concurrent.CountDownLatch(1);
        private final ServerSocket socket;
        private final Thread thread;

        EndlessServer(String head, String item) throws IOException {
            this(200, head, item);
        }

        EndlessServer(int status, String head, String item) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> serve(status, head, item), "endless-server");
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/";
        }

        private void serve(int status, String head, String item) {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    connections.incrementAndGet();
                    s.setSoTimeout(10_000);
                    InputStream in = s.getInputStream();
                    readHeaders(in);
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    writeChunk(out, head.getBytes(StandardCharsets.UTF_8));
                    byte[] chunk = item.repeat(1024).getBytes(StandardCharsets.UTF_8);
                    long deadline = System.nanoTime() + 20_000_000_000L; // stops by itself
                    while (System.nanoTime() < deadline && bytesSent.get() < 2L * 1024 * 1024 * 1024) {
                        writeChunk(out, chunk);
                    }
                } catch (IOException e) {
                    hungUp.countDown(); // the client hung up: what this server is for
                }
            }
        }

        /** The client stopped reading and closed the connection, long before this server would have stopped. */
        void assertClientHungUp() {
            try {
                assertTrue(hungUp.await(10, java.util.concurrent.TimeUnit.SECONDS), "the client kept reading");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        private void writeChunk(OutputStream out, byte[] data) throws IOException {
            out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(data);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            bytesSent.addAndGet(data.length);
        }

        private static void readHeaders(InputStream in) throws IOException {
            int state = 0;
            for (int b; (b = in.read()) >= 0; ) {
                state = (b == '\r' || b == '\n') ? state + 1 : 0;
                if (state == 4) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
