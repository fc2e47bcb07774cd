package io.lers4j;

import java.util.List;
import java.util.Map;

/** 422: LERS refused the request for a business reason (unknown measure point, bad period, invalid data); see {@link #errorMessage()}. */
public class LersBusinessException extends LersApiException {

    private static final long serialVersionUID = 1L;

    LersBusinessException(String message, String operation, int attempts, int statusCode,
          Map<String, List<String>> headers, String body,
          String errorMessage, Integer errorCode, Map<String, Object> errorData) {
        super(message, operation, attempts, statusCode, headers, body, errorMessage, errorCode, errorData);
    }
}
