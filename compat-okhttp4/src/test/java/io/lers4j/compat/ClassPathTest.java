package io.lers4j.compat;

import okhttp3.OkHttp;
import okhttp3.OkHttpClient;
import okio.Okio;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which OkHttp and okio this run loaded: the execution says which it set up ({@code lers4j.compat.*}). */
class ClassPathTest {

    /** The jar a class was loaded from, by file name. */
    static String jarOf(Class<?> type) {
        String location = type.getProtectionDomain().getCodeSource().getLocation().getPath();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void theOkHttpOfThisExecutionIsTheOneLoaded() throws Exception {
        // read at run time: OkHttp.VERSION is a constant that javac would copy from the compile class path
        String version = (String) OkHttp.class.getField("VERSION").get(null);
        assertEquals(System.getProperty("lers4j.compat.okhttp"), version, "OkHttp loaded from " + jarOf(OkHttpClient.class));
    }

    @Test
    void okHttp5sJarIsOnTheClassPathWhereTheExecutionPutIt() {
        String jar;
        try {
            jar = jarOf(Class.forName("okhttp3.CompressionInterceptor")); // a class OkHttp 4.12 does not have
        } catch (ClassNotFoundException e) {
            jar = "none";
        }
        assertEquals(System.getProperty("lers4j.compat.okhttp5.jar"), jar);
    }

    @Test
    void okioIsTheVersionLers4jsPomBringsNotTheOneOkHttp412AsksFor() {
        assertEquals(System.getProperty("lers4j.compat.okio"), jarOf(Okio.class));
    }
}
