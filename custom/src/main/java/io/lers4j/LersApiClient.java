package io.lers4j;

import io.lers4j.invoker.ApiCallback;
import io.lers4j.invoker.ApiClient;
import io.lers4j.invoker.ApiResponse;
import okhttp3.Call;
import okhttp3.OkHttpClient;

import java.lang.reflect.Type;

/**
 * The generated client with its execution routed through {@link Pipeline}: every generated call,
 * {@code execute()}, {@code executeWithHttpInfo()} and {@code executeAsync(...)}, fails with the
 * {@link LersException} family, naming the operation and the attempts. The generated code builds
 * the request; only how it is sent and what a failure becomes is decided here.
 */
final class LersApiClient extends ApiClient {

    private final Pipeline pipeline;

    LersApiClient(OkHttpClient http, Pipeline pipeline, String basePath) {
        super(http);
        this.pipeline = pipeline;
        setBasePath(basePath);
        setUserAgent(LersClient.USER_AGENT);
    }

    /**
     * As the generated client escapes, but with {@code :} kept: LERS's path dates are
     * {@code 2026-01-13T00:00:00}, the form its own clients send, and a colon needs no escaping in a
     * path segment or a query (RFC 3986).
     */
    @Override
    public String escapeString(String str) {
        String escaped = super.escapeString(str);
        return escaped.indexOf('%') < 0 ? escaped : escaped.replace("%3A", ":");
    }

    @Override
    public <T> ApiResponse<T> execute(Call call, Type returnType) {
        return pipeline.execute(getHttpClient(), call.request(), response ->
                new ApiResponse<>(response.code(), response.headers().toMultimap(), handleResponse(response, returnType)),
                false);
    }

    @Override
    public <T> void executeAsync(Call call, Type returnType, ApiCallback<T> callback) {
        pipeline.enqueue(getHttpClient(), call.request(), response -> this.<T>handleResponse(response, returnType),
                new Pipeline.Outcome<T>() {
                    @Override
                    public void success(T value, okhttp3.Response response) {
                        callback.onSuccess(value, response.code(), response.headers().toMultimap());
                    }

                    @Override
                    public void failure(RuntimeException e, okhttp3.Response response) {
                        callback.onFailure(e, response == null ? 0 : response.code(),
                                response == null ? null : response.headers().toMultimap());
                    }
                });
    }
}
