package io.lers4j.benchmarks;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.lers4j.LersClient;
import io.lers4j.emulator.LersEmulator;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.io.UncheckedIOException;

/** What the benchmarks share: an emulator, a bare OkHttp client with a token, and a lers4j client. */
final class Fixture implements AutoCloseable {

    static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    final LersEmulator emulator;
    final OkHttpClient bare = new OkHttpClient();
    final String token;

    Fixture(LersEmulator emulator) {
        this.emulator = emulator;
        this.token = tokenOf(captureLogin());
    }

    /** The bare way: POST the login, keep the token. */
    private static String tokenOf(byte[] loginAnswer) {
        return JsonParser.parseString(new String(loginAnswer, java.nio.charset.StandardCharsets.UTF_8))
                .getAsJsonObject().get("token").getAsString();
    }

    byte[] capture(String path) {
        return bytes(new Request.Builder().url(emulator.baseUrl() + path).header("Authorization", "Bearer " + token).build());
    }

    byte[] captureLogin() {
        JsonObject body = new JsonObject();
        body.addProperty("login", LersEmulator.DEFAULT_LOGIN);
        body.addProperty("password", LersEmulator.DEFAULT_PASSWORD);
        body.addProperty("application", "bench");
        return bytes(new Request.Builder().url(emulator.baseUrl() + "/api/v1/Login").post(RequestBody.create(body.toString(), JSON)).build());
    }

    byte[] bytes(Request request) {
        try (Response response = bare.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IllegalStateException(request.url() + " answered " + response.code());
            }
            return response.body().bytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bare way of a GET: OkHttp plus a Gson tree. */
    JsonElement bareGet(String url) {
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + token).build();
        try (Response response = bare.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IllegalStateException(url + " answered " + response.code());
            }
            return JsonParser.parseReader(response.body().charStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET whose answer {@code reader} reads from the stream, on the bare OkHttp client. */
    <T> T bareGet(String url, BodyReader<T> reader) {
        Request request = new Request.Builder().url(url).header("Authorization", "Bearer " + token).build();
        try (Response response = bare.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IllegalStateException(url + " answered " + response.code());
            }
            return reader.read(new com.google.gson.stream.JsonReader(response.body().charStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    interface BodyReader<T> {
        T read(com.google.gson.stream.JsonReader in) throws IOException;
    }

    LersClient lers(String baseUrl) {
        return LersClient.builder().baseUrl(baseUrl)
                .credentials(LersEmulator.DEFAULT_LOGIN, LersEmulator.DEFAULT_PASSWORD).application("bench").build();
    }

    @Override
    public void close() {
        bare.dispatcher().executorService().shutdown();
        bare.connectionPool().evictAll();
        emulator.close();
    }
}
