package io.lers4j;

import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

import java.io.IOException;

/**
 * Keeps what a server sends within bounds: a success body may be read up to the client's
 * {@code maxResponseSize} and fails beyond it while streaming (nothing is buffered whole), an
 * error body is cut to the few kilobytes an exception keeps.
 */
final class BodyLimit {

    /** The part of an error body that is read at all. */
    static final long MAX_ERROR_BODY_BYTES = 64 * 1024;
    /**
     * Bytes of the limit per JSON object or array allowed. Memory follows the objects decoded more
     * than the bytes ({@code {}} is two bytes and a model object of many fields), so an answer may
     * hold at most {@code maxBytes / 48} of them; the densest legitimate answers (archive values)
     * average about 70 bytes per object, Core lists 150 to 300.
     */
    static final int BYTES_PER_STRUCTURE = 48;

    private BodyLimit() {
    }

    /** A body longer than the limit, seen in its Content-Length or while reading. */
    static final class ExceededException extends IOException {
        private static final long serialVersionUID = 1L;

        final long limit;

        private ExceededException(String message, long limit) {
            super(message);
            this.limit = limit;
        }

        ExceededException(long limit, String detail) {
            this("the answer is larger than maxResponseSize (" + bytes(limit) + ")" + detail, limit);
        }

        static ExceededException structures(long limit) {
            return new ExceededException(String.format(java.util.Locale.ROOT, "the answer holds more than %,d JSON "
                    + "objects and arrays, the most that maxResponseSize (%s) allows", limit / BYTES_PER_STRUCTURE,
                    bytes(limit)), limit);
        }
    }

    /**
     * The response with its body bounded: an error body replaced by its first 64 KiB, a success
     * body failing with {@link ExceededException} once more than {@code maxBytes} were read.
     */
    static Response apply(Response response, long maxBytes) throws IOException {
        ResponseBody body = response.body();
        if (!response.isSuccessful()) {
            ResponseBody kept;
            try {
                kept = response.peekBody(MAX_ERROR_BODY_BYTES);
            } catch (IOException e) {
                kept = ResponseBody.create(new byte[0], body.contentType()); // the status is the fact
            } finally {
                response.close();
            }
            return response.newBuilder().body(kept).build();
        }
        long declared = body.contentLength();
        if (declared > maxBytes) {
            response.close();
            throw new ExceededException(maxBytes, ": it declares " + bytes(declared));
        }
        return response.newBuilder().body(new Limited(body, maxBytes)).build();
    }

    static String bytes(long n) {
        if (n >= 1024 * 1024 && n % (1024 * 1024) == 0) {
            return n / (1024 * 1024) + " MiB";
        }
        if (n >= 1024 && n % 1024 == 0) {
            return n / 1024 + " KiB";
        }
        return n + " bytes";
    }

    private static final class Limited extends ResponseBody {
        private final ResponseBody delegate;
        private final BufferedSource source;

        Limited(ResponseBody delegate, long maxBytes) {
            this.delegate = delegate;
            long maxStructures = maxBytes / BYTES_PER_STRUCTURE;
            this.source = Okio.buffer(new ForwardingSource(delegate.source()) {
                private final Buffer.UnsafeCursor cursor = new Buffer.UnsafeCursor();
                private long read;
                private long structures;

                @Override
                public long read(Buffer sink, long byteCount) throws IOException {
                    long n = super.read(sink, byteCount);
                    if (n > 0) {
                        read += n;
                        if (read > maxBytes) {
                            throw new ExceededException(maxBytes, "");
                        }
                        structures += openings(sink, sink.size() - n);
                        if (structures > maxStructures) {
                            throw ExceededException.structures(maxBytes);
                        }
                    }
                    return n;
                }

                /** Counts { and [ from {@code from} to the end (inside strings too: erring on the safe side). */
                private long openings(Buffer buffer, long from) {
                    long count = 0;
                    try (Buffer.UnsafeCursor c = buffer.readUnsafe(cursor)) {
                        for (int available = c.seek(from); available != -1; available = c.next()) {
                            byte[] data = c.data;
                            for (int i = c.start, end = c.end; i < end; i++) {
                                // '{' is 0x7B and '[' 0x5B: one compare, no branch, for the JIT on every byte
                                count += (data[i] | 0x20) == 0x7B ? 1 : 0;
                            }
                        }
                    }
                    return count;
                }
            });
        }

        @Override
        public MediaType contentType() {
            return delegate.contentType();
        }

        @Override
        public long contentLength() {
            return delegate.contentLength();
        }

        @Override
        public BufferedSource source() {
            return source;
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
