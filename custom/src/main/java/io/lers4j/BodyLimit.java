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

    private BodyLimit() {
    }

    /** A body longer than the limit, seen in its Content-Length or while reading. */
    static final class ExceededException extends IOException {
        private static final long serialVersionUID = 1L;

        final long limit;

        ExceededException(long limit, String detail) {
            super("the answer is larger than maxResponseSize (" + bytes(limit) + ")" + detail);
            this.limit = limit;
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
            this.source = Okio.buffer(new ForwardingSource(delegate.source()) {
                private long read;

                @Override
                public long read(Buffer sink, long byteCount) throws IOException {
                    long n = super.read(sink, byteCount);
                    if (n > 0) {
                        read += n;
                        if (read > maxBytes) {
                            throw new ExceededException(maxBytes, "");
                        }
                    }
                    return n;
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
