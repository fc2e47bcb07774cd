package io.lers4j;

import java.io.IOException;

/**
 * Carries a {@link LersException} raised inside an OkHttp interceptor (a failed login, say) out
 * through OkHttp, which expects interceptors to throw only IOException. Unwrapped again before it
 * reaches the caller.
 */
final class WrappedLersException extends IOException {

    private static final long serialVersionUID = 1L;

    WrappedLersException(LersException cause) {
        super(cause.getMessage(), cause);
    }

    LersException unwrap() {
        return (LersException) getCause();
    }
}
