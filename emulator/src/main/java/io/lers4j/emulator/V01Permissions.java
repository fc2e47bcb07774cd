package io.lers4j.emulator;

import java.util.Map;
import java.util.Set;

/**
 * The access right each v0.1 operation checks, by controller (the operation's tag), for the
 * operations the emulator answers with samples. The document only says that an operation may
 * answer 403, not for which right; these follow the names of LERS's AccessRight values. Writes
 * need the controller's edit right (deletes the delete right where LERS has one), reads need
 * nothing beyond a login except where a view right exists. A few writes change only the caller's
 * own things (logins, logouts, its notifications, its password) or print (reports, with
 * {@code printReport} as in v1): they need no edit right.
 */
final class V01Permissions {

    /** Controllers whose writes the caller may make on its own session or notifications. */
    static final Set<String> OWN = Set.of("Login", "Logout", "Notifications");

    private static final Map<String, String> WRITE = Map.ofEntries(
            Map.entry("AccessRights", "editAccount"), Map.entry("AccountGroups", "editAccount"),
            Map.entry("Accounts", "editAccount"), Map.entry("Activation", "activation"),
            Map.entry("Announcements", "editAnnouncement"), Map.entry("AutoExport", "editReportGeneratingTask"),
            Map.entry("AutoReportingTasks", "editReportGeneratingTask"), Map.entry("BalanceGroups", "editBalanceGroup"),
            Map.entry("Comments", "editNodeJob"), Map.entry("ContractConsumption", "editMeasurePoint"),
            Map.entry("CounterTotals", "manualInputCounterTotals"), Map.entry("CustomAttributes", "editSystemParameters"),
            Map.entry("Customers", "editCustomer"), Map.entry("DataStatus", "saveData"),
            Map.entry("DetailedState", "editNode"), Map.entry("DeviceConfig", "editEquipment"),
            Map.entry("DeviceEvents", "saveData"), Map.entry("Diagrams", "editReport"),
            Map.entry("Divisions", "editSystemParameters"), Map.entry("Equipment", "editEquipment"),
            Map.entry("EquipmentHistory", "editEquipment"), Map.entry("EquipmentModels", "editEquipmentModel"),
            Map.entry("Export", "exportToXml80020"), Map.entry("Files", "editNode"),
            Map.entry("Generate", "printReport"), Map.entry("GeneratedReports", "deletePreparedReport"),
            Map.entry("GprsModems", "callGprsController"), Map.entry("Import", "saveData"),
            Map.entry("Incidents", "closeIncident"), Map.entry("Inspectors", "editInspector"),
            Map.entry("ManualPoll", "manualPoll"), Map.entry("MeasurePointConsumption", "saveData"),
            Map.entry("MeasurePointData", "saveData"), Map.entry("MeasurePointElectricPower", "saveData"),
            Map.entry("MeasurePointRecalcData", "saveData"), Map.entry("MeasurePointTotals", "saveData"),
            Map.entry("MeasurePoints", "editMeasurePoint"), Map.entry("MeasurePointsBatch", "editMeasurePoint"),
            Map.entry("Messages", "controlMessageQueue"), Map.entry("NodeDiagParams", "editNode"),
            Map.entry("NodeFiles", "editNode"), Map.entry("NodeGroups", "editNodeGroup"),
            Map.entry("NodeJobResolutions", "editNodeJobResolution"), Map.entry("NodeJobTypes", "editNodeJob"),
            Map.entry("NodeJobs", "editNodeJob"), Map.entry("NodeSections", "editNode"), Map.entry("Nodes", "editNode"),
            Map.entry("Plugins", "editPlugins"), Map.entry("PollPortGroups", "editPollPort"),
            Map.entry("PollPorts", "editPollPort"), Map.entry("PollServices", "editPollPort"),
            Map.entry("PollTasks", "pollQueueControl"), Map.entry("ReplaceEquipment", "editEquipment"),
            Map.entry("ReportParameterProperties", "editReport"), Map.entry("ReportParameters", "editReport"),
            Map.entry("ReportTemplates", "editReportTemplate"), Map.entry("Reports", "editReport"),
            Map.entry("Rooms", "editRoom"), Map.entry("ServiceCompanies", "editServiceCompany"),
            Map.entry("ServicingStatuses", "editServicingStatuses"), Map.entry("Suppliers", "editSupplier"),
            Map.entry("SystemParameters", "editSystemParameters"), Map.entry("Tasks", "editSystemParameters"),
            Map.entry("Territories", "editTerritory"), Map.entry("Weather", "editOutdoorTemperature"));

    private static final Map<String, String> DELETE = Map.of("Equipment", "deleteEquipment",
            "Incidents", "deleteIncident", "MeasurePoints", "deleteMeasurePoint", "Nodes", "deleteNode",
            "Rooms", "deleteRoom");

    private static final Map<String, String> READ = Map.ofEntries(Map.entry("AccountLog", "viewAccountLog"),
            Map.entry("SystemLog", "viewSystemLog"), Map.entry("LogFiles", "viewLogFiles"),
            Map.entry("Messages", "viewMessageLog"), Map.entry("PollSessions", "viewPollSession"),
            Map.entry("Incidents", "viewIncident"), Map.entry("DeviceEvents", "viewDeviceEvents"),
            Map.entry("MeasurePointDeviceErrors", "viewDeviceEvents"), Map.entry("DeviceConfig", "viewDeviceConfig"),
            Map.entry("MeasurePointConsumption", "viewData"), Map.entry("MeasurePointTotals", "viewData"),
            Map.entry("MeasurePointLastData", "viewData"), Map.entry("MeasurePointElectricPower", "viewData"),
            Map.entry("DataStatus", "viewData"), Map.entry("RoomConsumption", "viewData"),
            Map.entry("CounterTotals", "viewData"), Map.entry("TemperatureChart", "temperatureChart"),
            Map.entry("Houses", "houseSummary"), Map.entry("GprsModems", "viewControllersStatistics"),
            Map.entry("GeneratedReports", "viewPreparedReport"));

    /** Operations of controllers with an edit right that still only change the caller's own. */
    private static final Set<String> OWN_OPERATIONS = Set.of("Accounts_ChangeOwnPassword");

    /** Operations whose right is not their controller's. */
    private static final Map<String, String> OPERATION = Map.of(
            "Accounts_SetAccountNotificationSettings", "editOwnNotificationSettings",
            "Logout_LogoutUser", "closeUserSession", "MeasurePoints_MoveMeasurePoint", "moveMeasurePoint",
            "ManualPoll_PollRemoteConsole", "remoteConsole", "ManualPoll_SendRemoteConsoleRequest", "remoteConsole",
            "PollTasks_Stop", "forceStopPoll");

    private V01Permissions() {
    }

    /** The right an operation checks, or null when a login (or nothing, for anonymous ones) is enough. */
    static String of(ApiDocument.Operation op) {
        if (op.anonymous || !op.declaresForbidden) {
            return null;
        }
        if (OPERATION.containsKey(op.id)) {
            return OPERATION.get(op.id);
        }
        if (OWN.contains(op.tag) || OWN_OPERATIONS.contains(op.id)) {
            return null;
        }
        if (op.isRead()) {
            return READ.get(op.tag);
        }
        if (op.method.equals("DELETE") && DELETE.containsKey(op.tag)) {
            return DELETE.get(op.tag);
        }
        return WRITE.getOrDefault(op.tag, "editSystemParameters");
    }

    /** How a route of the operation is guarded. */
    static Router.Access access(ApiDocument.Operation op) {
        if (op.anonymous) {
            return Router.Access.ANONYMOUS;
        }
        return of(op) == null ? Router.Access.AUTHENTICATED : Router.Access.PERMISSION;
    }
}
