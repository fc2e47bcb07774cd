package io.lers4j.tools;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecComparatorTest {

    private static ChangeReport fromPair(String pair, boolean reversed) throws Exception {
        SpecDocument old = TestFiles.doc("pairs/" + pair + "/old.json");
        SpecDocument neu = TestFiles.doc("pairs/" + pair + "/new.json");
        return reversed ? SpecComparator.compare(neu, old) : SpecComparator.compare(old, neu);
    }

    private static List<String> lines(ChangeReport report) {
        return report.render().lines().toList();
    }

    private static void assertLine(ChangeReport report, String line) {
        assertTrue(lines(report).contains(line), () -> "missing line\n" + line + "\nin\n" + report.render());
    }

    @Test
    void addedOperationIsCompatible() throws Exception {
        ChangeReport report = fromPair("added-operation", false);
        assertEquals(String.join("\n",
                "API changes from pairs/added-operation/old.json",
                "              to pairs/added-operation/new.json",
                "",
                "Operations",
                "  compatible  GET /api/v1/ServerInfo/Extra added",
                "              Java: new method ServerInfoApi#getExtraInfo()",
                "",
                "0 breaking, 1 compatible changes",
                ""), report.render());
        assertFalse(report.hasBreakingChanges());
    }

    @Test
    void removedOperationIsBreaking() throws Exception {
        ChangeReport report = fromPair("removed-operation", false);
        assertLine(report, "  BREAKING    GET /api/v1/Core/Territories/{id} removed");
        assertLine(report, "              Java: method TerritoriesApi#getById() disappears");
        assertEquals("1 breaking, 0 compatible changes", report.summary());
    }

    @Test
    void changedParameterTypeIsBreaking() throws Exception {
        ChangeReport report = fromPair("changed-parameter-type", false);
        assertLine(report, "GET /api/v1/Core/NodeGroups  (NodeGroupsApi#getNodeGroups())");
        assertLine(report, "  BREAKING    query nodeId: type integer(int32) -> string");
        assertLine(report, "              Java: nodeId(Integer) becomes nodeId(String)");
        assertEquals("1 breaking, 0 compatible changes", report.summary());
    }

    @Test
    void renamedPropertyIsBreakingAndNamedAsRename() throws Exception {
        ChangeReport report = fromPair("renamed-property", false);
        assertLine(report, "model MeasurePointDataTotalsRecord");
        assertLine(report, "  BREAKING    property dataParameters renamed to values (same type array<DataParameterValue>)");
        assertLine(report, "              Java: getDataParameters() becomes getValues()");
        assertEquals("1 breaking, 0 compatible changes", report.summary());
    }

    @Test
    void newEnumValueIsCompatibleBecauseLers4jEnumsAreOpen() throws Exception {
        // plain openapi-diff calls a new value in a response enum incompatible; the open enums keep it
        ChangeReport report = fromPair("new-enum-value", false);
        assertLine(report, "enum NodeType");
        assertLine(report, "  compatible  1 value added: PowerSource");
        assertEquals("0 breaking, 1 compatible changes", report.summary());
        assertFalse(report.hasBreakingChanges());
    }

    @Test
    void theReversedPairsAreBreaking() throws Exception {
        ChangeReport lostValue = fromPair("new-enum-value", true);
        assertLine(lostValue, "  BREAKING    1 value removed: PowerSource");
        assertLine(lostValue, "              Java: the constant for it disappears from NodeType");

        ChangeReport lostOperation = fromPair("added-operation", true);
        assertLine(lostOperation, "  BREAKING    GET /api/v1/ServerInfo/Extra removed");

        ChangeReport gainedOperation = fromPair("removed-operation", true);
        assertEquals("0 breaking, 1 compatible changes", gainedOperation.summary());
    }

    @Test
    void renamedOperationsAndNewlyRequiredParametersChangeJavaSignatures() throws Exception {
        String old = TestFiles.text(TestFiles.resource("pairs/changed-parameter-type/old.json"));
        String changed = old.replace("NodeGroups_GetNodeGroups", "NodeGroups_GetGroups")
                .replace("\"name\": \"nodeId\",", "\"name\": \"nodeId\", \"required\": true,");
        ChangeReport report = SpecComparator.compare(SpecDocument.parse(old, "old"), SpecDocument.parse(changed, "new"));
        assertLine(report, "  BREAKING    operation renamed: NodeGroups_GetNodeGroups -> NodeGroups_GetGroups");
        assertLine(report, "              Java: NodeGroupsApi#getNodeGroups() becomes NodeGroupsApi#getGroups()");
        assertLine(report, "  BREAKING    query nodeId now required");
        assertLine(report, "              Java: nodeId moves from the request options into the arguments of getGroups()");
        assertEquals("2 breaking, 0 compatible changes", report.summary());
    }

    @Test
    void aChangedResponseTypeIsBreaking() throws Exception {
        String old = TestFiles.text(TestFiles.resource("pairs/renamed-property/old.json"));
        String changed = old.replace("\"items\": {\n                \"$ref\": \"#/definitions/MeasurePointDataTotalsRecord\"",
                "\"items\": {\n                \"$ref\": \"#/definitions/DataParameterValue\"");
        ChangeReport report = SpecComparator.compare(SpecDocument.parse(old, "old"), SpecDocument.parse(changed, "new"));
        assertLine(report, "  BREAKING    response 200: type array<MeasurePointDataTotalsRecord> -> array<DataParameterValue>");
        assertLine(report, "              Java: getTotals() returns List<DataParameterValue> (was "
                + "List<MeasurePointDataTotalsRecord>)");
    }

    @Test
    void aDocumentComparedWithItselfHasNoChanges() throws Exception {
        SpecDocument current = SpecDocument.read(TestFiles.currentSpec());
        ChangeReport report = SpecComparator.compare(current, SpecDocument.read(TestFiles.currentSpec()));
        assertTrue(report.isEmpty(), report::render);
        assertTrue(report.render().contains("\nNo changes.\n"));
        assertEquals("0 breaking, 0 compatible changes", report.summary());
    }

    /** The July 2020 document against the repository's: the changes section 3 of the evidence describes. */
    private static ChangeReport from2020;

    @BeforeAll
    static void compare2020WithCurrent() throws Exception {
        from2020 = SpecComparator.compare(TestFiles.doc("lers-v1-2020.swagger.json"),
                SpecDocument.parse(TestFiles.text(TestFiles.currentSpec()), "api-spec/lers-v1.swagger.json"));
    }

    @Test
    void from2020TheRecordShapeChangeIsBreaking() {
        ChangeReport report = from2020;
        for (String record : List.of("MeasurePointDataConsumptionRecord", "MeasurePointDataTotalsRecord")) {
            assertTrue(report.changes().contains(new ChangeReport.Change(ChangeReport.Kind.MODEL, record,
                    "property dataParameters renamed to values (same type array<DataParameterValue>)", true,
                    "getDataParameters() becomes getValues()")), report::render);
        }
        assertLine(report, "model MeasurePointDataConsumptionRecord");
        assertLine(report, "  BREAKING    property attributes: type ConsumptionRecordAttributes -> "
                + "array<ConsumptionRecordAttributes>");
    }

    @Test
    void from2020DataTypesBecameAnArray() {
        ChangeReport report = from2020;
        assertLine(report, "GET /api/v1/Data/MeasurePoints/{id}/Consumption/{start}/{end}  "
                + "(MeasurePointConsumptionApi#getConsumption())");
        assertLine(report, "  BREAKING    query DataTypes -> dataTypes: type DeviceDataType -> array<DeviceDataType>");
        assertLine(report, "              Java: dataTypes(DeviceDataType) becomes dataTypes(List<DeviceDataType>)");
        // only the spelling changed here: same Java option, and ASP.NET matches query names ignoring case
        assertLine(report, "  compatible  query IncludeCalculated -> includeCalculated (letter case only)");
    }

    @Test
    void from2020PermissionsBecameStrings() {
        ChangeReport report = from2020;
        assertLine(report, "model CurrentLoginInfo");
        assertLine(report, "  BREAKING    property permissions: type array<AccessRight> -> array<string>");
        assertLine(report, "              Java: getPermissions() returns List<String> (was List<AccessRight>)");
        assertLine(report, "  BREAKING    enum AccessRight removed");
    }

    @Test
    void from2020ApplicationBecameRequiredAtLogin() {
        assertLine(from2020, "  BREAKING    property application now required in requests");
    }

    @Test
    void from2020TheNewOperationsAreListed() {
        ChangeReport report = from2020;
        for (String op : List.of("GET /api/v1/Core/Nodes", "GET /api/v1/Incidents/{id}", "POST /api/v1/Incidents",
                "GET /api/v1/ServerInfo", "GET /api/v1/ServerInfo/Extra", "GET /api/v1/Core/NodeGroups",
                "GET /api/v1/Data/MeasurePoints/Totals/Last", "PUT /api/v1/Data/MeasurePoints/{id}")) {
            assertLine(report, "  compatible  " + op + " added");
        }
        assertLine(report, "              Java: new method NodesApi#getNodes()");
        long added = report.changes().stream()
                .filter(c -> c.kind() == ChangeReport.Kind.OPERATIONS && c.text().endsWith(" added")).count();
        assertEquals(38 - 15, added, "the 2020 document has 15 operations, the current one 38");
    }

    @Test
    void from2020NewEnumValuesAndResponsesAreCompatible() {
        ChangeReport report = from2020;
        assertLine(report, "enum NodeType");
        assertLine(report, "  compatible  1 value added: PowerSource");
        assertLine(report, "  compatible  response 422 added (ResponseParameters)");
        assertLine(report, "  compatible  query withSummary added");
        // exactly the breaking changes the evidence describes, each once
        List<String> breaking = report.changes().stream().filter(ChangeReport.Change::breaking)
                .map(c -> c.subject() + ": " + c.text()).toList();
        assertEquals(List.of(
                "AccessRight: enum AccessRight removed",
                "AuthenticatePlainRequestParameters: property application now required in requests",
                "CurrentLoginInfo: property permissions: type array<AccessRight> -> array<string>",
                "MeasurePointDataConsumptionRecord: property attributes: type ConsumptionRecordAttributes -> "
                        + "array<ConsumptionRecordAttributes>",
                "MeasurePointDataConsumptionRecord: property dataParameters renamed to values "
                        + "(same type array<DataParameterValue>)",
                "MeasurePointDataTotalsRecord: property attributes: type TotalsRecordAttributes -> "
                        + "array<TotalsRecordAttributes>",
                "MeasurePointDataTotalsRecord: property dataParameters renamed to values "
                        + "(same type array<DataParameterValue>)",
                "GET /api/v1/Data/MeasurePoints/{id}/Consumption/{start}/{end}: query DataTypes -> dataTypes: "
                        + "type DeviceDataType -> array<DeviceDataType>").stream().sorted().toList(),
                breaking.stream().sorted().toList());
    }

    @Test
    void theReportIsTheSameEveryTime() throws Exception {
        ChangeReport again = SpecComparator.compare(TestFiles.doc("lers-v1-2020.swagger.json"),
                SpecDocument.parse(TestFiles.text(TestFiles.currentSpec()), "api-spec/lers-v1.swagger.json"));
        assertEquals(from2020.render(), again.render());
        assertTrue(again.render().endsWith("\n" + again.summary() + "\n"));
    }
}
