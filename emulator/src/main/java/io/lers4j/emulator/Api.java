package io.lers4j.emulator;

/** The two API documents a LERS server publishes side by side, each packaged with the emulator. */
enum Api {
    V1("lers-v1.swagger.json", "v1"),
    V01("lers-v0.1.swagger.json", "v0.1");

    /** The file in api-spec, packaged under io/lers4j/emulator. */
    final String fileName;
    /** The version segment of its paths and of its document's own path. */
    final String version;

    Api(String fileName, String version) {
        this.fileName = fileName;
        this.version = version;
    }

    String resource() {
        return "/io/lers4j/emulator/" + fileName;
    }

    /** Where the server publishes the document: {@code /api/swagger/v1/swagger.json}. */
    String documentPath() {
        return "/api/swagger/" + version + "/swagger.json";
    }
}
