package io.lers4j.codegen;

import io.swagger.v3.oas.models.OpenAPI;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.swagger.v3.oas.models.media.Schema;
import org.openapitools.codegen.CodegenModel;
import org.openapitools.codegen.CodegenProperty;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.servers.Server;
import org.openapitools.codegen.CodegenOperation;
import org.openapitools.codegen.SupportingFile;
import org.openapitools.codegen.model.ModelMap;
import org.openapitools.codegen.utils.StringUtils;
import org.openapitools.codegen.model.ModelsMap;
import org.openapitools.codegen.languages.JavaClientCodegen;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code java} generator with the LERS adaptations: {@link SpecNormalizer} on the parsed
 * document, and LERS date-times as {@code io.lers4j.types.LersDateTime}, which keeps an absent
 * offset absent instead of inventing one; plus {@code PathIdParameters}, the table of integer path
 * parameters the client checks requests against.
 */
public class LersJavaClientCodegen extends JavaClientCodegen {

    public static final String NAME = "lers4j-java";
    static final String DATE_TIME_CLASS = "io.lers4j.types.LersDateTime";
    /** Ours, in generated/src/main/templates: the build's templateDirectory must point there. */
    static final String PATH_ID_TEMPLATE = "pathIdParameters.mustache";

    /**
     * Additional property naming a second document's accessor class prefix ({@code V01}): set, this run
     * generates that document beside the first one (see {@link #secondaryDocument}).
     */
    public static final String SECONDARY_DOCUMENT = "lersSecondaryDocument";

    private static final Logger LOG = LoggerFactory.getLogger(LersJavaClientCodegen.class);

    private boolean secondary;

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getHelp() {
        return "Java client for the LERS UCHET REST API (okhttp-gson with LERS adaptations).";
    }

    @Override
    public void processOpts() {
        super.processOpts();
        // after super: the date library options would otherwise map date-time to OffsetDateTime
        typeMapping.put("DateTime", "LersDateTime");
        importMapping.put("LersDateTime", DATE_TIME_CLASS);
        Object secondary = additionalProperties.get(SECONDARY_DOCUMENT);
        if (secondary != null && !secondary.toString().isBlank()) {
            secondaryDocument(secondary.toString().strip());
            return;
        }
        additionalProperties.put("lersServicesPackage", getInvokerPackage());
        additionalProperties.put("lersServicesClass", "ApiServices");
        additionalProperties.put("lersPrimaryDocument", true);
        String invokerFolder = (getSourceFolder() + '/' + getInvokerPackage()).replace('.', '/');
        // typed accessors of every API, the base of LersClient
        supportingFiles.add(new SupportingFile("ApiServices.mustache", invokerFolder, "ApiServices.java"));
        // rendered from every operation of the document, so a new operation's ids are checked without Java by hand
        supportingFiles.add(new SupportingFile(PATH_ID_TEMPLATE, invokerFolder, "PathIdParameters.java"));
        // one reader for every archive record type of the document, whatever its shape
        supportingFiles.add(new SupportingFile("ArchiveRecords.mustache", invokerFolder, "ArchiveRecords.java"));
        // the requests the client layer sends itself, built by the generated operations
        supportingFiles.add(new SupportingFile("OwnRequests.mustache", invokerFolder, "OwnRequests.java"));
    }

    /**
     * A second document of the same server (v0.1 beside v1): its APIs and models in packages of their own,
     * bound to the first document's invoker classes ({@code ApiClient}, {@code JSON}, ...), which are not
     * generated again: one client, one binding, one pipeline for both. Only the document's own table of
     * path ids and its accessor class {@code <prefix>Services} (in the API package) are generated.
     */
    private void secondaryDocument(String prefix) {
        secondary = true;
        supportingFiles.clear();
        additionalProperties.put("lersServicesPackage", apiPackage);
        additionalProperties.put("lersServicesClass", prefix + "Services");
        additionalProperties.put("lersPrimaryDocument", false);
        String apiFolder = (getSourceFolder() + '/' + apiPackage).replace('.', '/');
        supportingFiles.add(new SupportingFile("ApiServices.mustache", apiFolder, prefix + "Services.java"));
        supportingFiles.add(new SupportingFile(PATH_ID_TEMPLATE, apiFolder, "PathIdParameters.java"));
    }

    /**
     * LERS names its include-flags like getters ({@code getMeasurePoints=true}); as Java methods of
     * a request builder they read as getters that take an argument. They become
     * {@code includeMeasurePoints(true)}; the query keeps the server's name.
     */
    @Override
    public String toParamName(String name) {
        return includeFlagName(super.toParamName(name));
    }

    static String includeFlagName(String javaName) {
        if (javaName.length() > 3 && javaName.startsWith("get") && Character.isUpperCase(javaName.charAt(3))) {
            return "include" + javaName.substring(3);
        }
        return javaName;
    }

    /**
     * Marks the operations that answer with measure point ids as map keys (LERS's list of last
     * values: {@code {"1002": {...}}}), for which {@code ApiServices} adds a variant keyed by the
     * id as a number.
     */
    @Override
    public CodegenOperation fromOperation(String path, String httpMethod, Operation operation, List<Server> servers) {
        CodegenOperation op = super.fromOperation(path, httpMethod, operation, servers);
        keepForeignPrefix(operation, op);
        if (secondary) {
            return op; // the client layer's own requests and write helpers are built on the first document
        }
        if ("map".equals(op.returnContainer) && op.returnBaseType != null && op.allParams.isEmpty()
                && path.startsWith("/api/v1/Data/MeasurePoints/")) {
            op.vendorExtensions.put("x-lers-keyed-by-id", true);
        }
        OwnOperations.mark(path, httpMethod, op, additionalProperties);
        WriteOperations.mark(path, httpMethod, op, openAPI, this::toVarName, additionalProperties);
        if (op.vendorExtensions.containsKey("x-lers-own-Login")) {
            Schema<?> body = openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null ? null
                    : openAPI.getComponents().getSchemas().get(op.bodyParam.dataType);
            Map<String, Schema> fields = body == null || body.getProperties() == null ? Map.of() : body.getProperties();
            if (!fields.containsKey("login") || !fields.containsKey("password")) {
                op.vendorExtensions.remove("x-lers-own-Login");
                additionalProperties.remove("lersOwnLogin");
            } else if (fields.containsKey("application")) {
                op.vendorExtensions.put("x-lers-login-application", true);
            }
        }
        return op;
    }

    /**
     * An operationId's prefix is removed because it repeats the controller, which is the tag and so the
     * API class. Where it is not the tag ({@code Put_GetEquipmentList} of the Equipment controller, beside
     * its {@code Equipment_GetEquipmentList}), it is part of the name and stays:
     * {@code EquipmentApi#putGetEquipmentList}, not a numbered duplicate.
     */
    private void keepForeignPrefix(Operation operation, CodegenOperation op) {
        String id = operation.getOperationId();
        int underscore = id == null ? -1 : id.indexOf('_');
        if (underscore <= 0 || operation.getTags() == null || operation.getTags().isEmpty()
                || operation.getTags().get(0).equals(id.substring(0, underscore))) {
            return;
        }
        String joined = sanitizeName(id.substring(0, underscore)) + sanitizeName(id.substring(underscore + 1));
        String name = Character.toLowerCase(joined.charAt(0)) + joined.substring(1);
        op.operationId = name;
        op.nickname = name;
        op.operationIdLowerCase = name.toLowerCase(Locale.ROOT);
        op.operationIdCamelCase = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        op.operationIdSnakeCase = StringUtils.underscore(name);
    }

    /**
     * Marks the archive record types (a {@code dateTime} and an array of {@code DataParameterValue},
     * named {@code values} today and {@code dataParameters} in 2020) for the {@code ArchiveRecords}
     * template, with the Java expressions that read each of their fields.
     */
    @Override
    public Map<String, ModelsMap> postProcessAllModels(Map<String, ModelsMap> objs) {
        Map<String, ModelsMap> result = super.postProcessAllModels(objs);
        for (ModelsMap models : result.values()) {
            for (ModelMap m : models.getModels()) {
                ArchiveRecordShape.mark(m.getModel());
            }
        }
        return result;
    }

    /**
     * Credentials in models (a login's password, the token of its answer, a device's passwords, a
     * download key) print as {@code *} in {@code toString()}: the stock template does that for
     * properties flagged as passwords, so the flag is set here by name.
     */
    @Override
    public void postProcessModelProperty(CodegenModel model, CodegenProperty property) {
        super.postProcessModelProperty(model, property);
        if (property.isString && isSecretName(property.baseName)) {
            property.isPassword = true;
        }
    }

    static boolean isSecretName(String jsonName) {
        String name = jsonName == null ? "" : jsonName.toLowerCase(Locale.ROOT);
        return name.endsWith("password") || name.equals("token") || name.endsWith("accesstoken")
                || name.endsWith("refreshtoken") || name.endsWith("secret") || name.endsWith("apikey")
                || name.endsWith("downloadkey") || name.equals("cookie");
    }

    /** The stock version prints a donation banner into every build log; the generator's home page has it. */
    @Override
    public void postProcess() {
        LOG.debug("lers4j: generation finished");
    }

    @Override
    public void preprocessOpenAPI(OpenAPI openAPI) {
        SpecNormalizer normalizer = new SpecNormalizer();
        normalizer.normalize(openAPI);
        normalizer.changes().forEach(change -> LOG.debug("lers4j: {}", change));
        LOG.info("lers4j: {} adaptations applied to the API document", normalizer.changes().size());
        super.preprocessOpenAPI(openAPI);
    }
}
