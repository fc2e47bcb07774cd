package io.lers4j.tools;

import io.swagger.v3.oas.models.Operation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The report's Java names are the generator's own, the include... renaming of query flags too. */
class JavaNamesTest {

    @Test
    void namesAreTheGeneratedOnes() {
        Operation op = new Operation().operationId("MeasurePointConsumption_GetConsumption")
                .tags(List.of("MeasurePointConsumption"));
        assertEquals("MeasurePointConsumptionApi#getConsumption()", JavaNames.method(op));
        assertEquals("includeSuppliers", JavaNames.camel("getSuppliers"));
        assertEquals("dataTypes", JavaNames.camel("DataTypes"));
        assertEquals("getIsEmpty()", JavaNames.getter("isEmpty"));
        assertEquals("(no operationId)", JavaNames.methodName(new Operation()));
    }
}
