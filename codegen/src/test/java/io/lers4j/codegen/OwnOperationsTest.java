package io.lers4j.codegen;

import org.junit.jupiter.api.Test;
import org.openapitools.codegen.CodegenParameter;
import org.openapitools.codegen.CodegenProperty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OwnOperationsTest {

    @Test
    void theDataTypeArgumentFitsTheDocumentsParameterType() {
        CodegenParameter list = new CodegenParameter();
        list.isArray = true;
        list.items = new CodegenProperty();
        list.items.dataType = "DeviceDataType";
        assertEquals("java.util.List.of(dataType)", OwnOperations.dataTypesArgument(list));

        CodegenParameter single = new CodegenParameter();
        single.dataType = "DeviceDataType";
        assertEquals("dataType", OwnOperations.dataTypesArgument(single));

        CodegenParameter text = new CodegenParameter();
        text.dataType = "String";
        assertEquals("dataType.getValue()", OwnOperations.dataTypesArgument(text));

        CodegenParameter other = new CodegenParameter();
        other.dataType = "GetConsumptionDataTypesParameter";
        assertNull(OwnOperations.dataTypesArgument(other), "an inline enum of its own: the operation is left unmarked");
    }

    @Test
    void credentialsAreFoundByName() {
        for (String name : new String[] {"password", "secondLevelPassword", "defaultPassword", "token", "downloadKey",
                "accessToken", "apiKey", "clientSecret"}) {
            assertTrue(LersJavaClientCodegen.isSecretName(name), name);
        }
        for (String name : new String[] {"passwordRegEx", "passwordComment", "tokenExpiration", "tokenVersion",
                "disablePasswordChange", "login", "key", null}) {
            assertFalse(LersJavaClientCodegen.isSecretName(name), String.valueOf(name));
        }
    }
}
