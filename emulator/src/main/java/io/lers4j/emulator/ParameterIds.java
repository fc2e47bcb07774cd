package io.lers4j.emulator;

import java.util.HashMap;
import java.util.Map;

/**
 * The integer ids production servers send beside each value's parameter name
 * ({@code "dataParameterId"}), which the v1 document does not describe. The numbering is the
 * emulator's own, fixed here: a parameter's position in the document's {@code DataParameter} enum
 * as it was when this table was written, {@code None} being 0. A name added to the document later
 * gets no id until it is appended here, so no id ever changes.
 */
final class ParameterIds {

    private static final String[] NAMES = {
            "None", "T_in", "T_out", "T_cw", "T_outdoor", "M_in", "M_out", "V_in", "V_out", "Q_in", "Q_out",
            "Q_delta", "P_in", "P_out", "P_cw", "NormalOperationDuration", "T", "P", "V", "V_std", "Ap1", "An1",
            "Rp1", "Rn1", "Ap2", "An2", "Rp2", "Rn2", "Ap3", "An3", "Rp3", "Rn3", "Ap4", "An4", "Rp4", "Rn4", "Ap",
            "An", "Rp", "Rn", "StopDuration", "FlowUnderrunDuration", "FlowOverrunDuration", "TempDiffLowDuration",
            "NoPowerDuration", "IncidentDuration", "SaturatedSteamDuration", "T_delta", "P_delta", "V_delta",
            "M_delta", "M", "T_indoor", "PowerProfile_Pp", "PowerProfile_Pn", "PowerProfile_Qp", "PowerProfile_Qn",
            "S", "SA", "SB", "SC", "ElectricCurrent_P", "Pp", "Pn", "PA", "PB", "PC", "Q", "Qp", "Qn", "QA", "QB",
            "QC", "U", "UA", "UB", "UC", "I", "IA", "IB", "IC", "PhiUAB", "PhiUAC", "PhiUBC", "PhiUIA", "PhiUIB",
            "PhiUIC", "Frequency", "CosPhi", "CosPhiA", "CosPhiB", "CosPhiC", "M_balance", "H", "T_internal",
            "T_control", "T_base", "ValvePercent", "CorrectionCoeff", "CalorificValue", "Humidity",
            "AtmospherePressure", "CarbonDioxideContent", "NitrogenContent", "V_NoCount", "DensityStd",
            "TempOverrunDuration", "TempUnderrunDuration", "PressOverrunDuration", "PressUnderrunDuration",
            "FlowUnderrunThresholdDuration", "UnacceptablePhysicalStateDuration"};

    private static final Map<String, Integer> IDS = new HashMap<>();

    static {
        for (int i = 0; i < NAMES.length; i++) {
            IDS.put(NAMES[i], i);
        }
    }

    private ParameterIds() {
    }

    /** The id of a parameter name, or -1 for a name the table does not have (a client may store any name). */
    static int of(String name) {
        Integer id = IDS.get(name);
        return id == null ? -1 : id;
    }
}
