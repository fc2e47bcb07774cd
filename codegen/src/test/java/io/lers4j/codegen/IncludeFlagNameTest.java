package io.lers4j.codegen;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IncludeFlagNameTest {

    @Test
    void getterLikeFlagsBecomeIncludeFlagsAndOtherNamesStay() {
        assertEquals("includeMeasurePoints", LersJavaClientCodegen.includeFlagName("getMeasurePoints"));
        assertEquals("includeDiagParams", LersJavaClientCodegen.includeFlagName("getDiagParams"));
        assertEquals("getaway", LersJavaClientCodegen.includeFlagName("getaway"));
        assertEquals("get", LersJavaClientCodegen.includeFlagName("get"));
        assertEquals("includeCalculated", LersJavaClientCodegen.includeFlagName("includeCalculated"));
        assertEquals("nodeId", LersJavaClientCodegen.includeFlagName("nodeId"));
    }
}
