package io.lers4j.emulator;

import io.lers4j.model.DataParameterCategory;
import io.lers4j.model.Unit;

import java.util.Map;

/** Converts written values to the units the emulator keeps (LERS system units). */
final class Units {

    private static final Map<String, Double> FACTORS = Map.ofEntries(
            Map.entry("Pressure/MegaPascal", 10.197162), Map.entry("Pressure/KiloPascal", 0.010197162),
            Map.entry("Pressure/Bar", 1.0197162),
            Map.entry("Mass/Kilogram", 0.001), Map.entry("Mass/Kiloton", 1000.0),
            Map.entry("Volume/Litre", 0.001),
            Map.entry("Heat/MegaCalorie", 0.001), Map.entry("Heat/KiloCalorie", 1e-6),
            Map.entry("Heat/GigaJoule", 0.238845897), Map.entry("Heat/MegaJoule", 0.000238845897),
            Map.entry("Heat/KilowattHourHeat", 0.000859845), Map.entry("Heat/MegawattHourHeat", 0.859845228),
            Map.entry("Time/Minute", 1 / 60.0), Map.entry("Time/Second", 1 / 3600.0), Map.entry("Time/Day", 24.0),
            Map.entry("ActiveElectricalEnergy/WattHour", 0.001), Map.entry("ActiveElectricalEnergy/MegawattHour", 1000.0),
            Map.entry("ReactiveElectricalEnergy/VarHour", 0.001));

    private Units() {
    }

    static double toSystem(DataParameterCategory category, Unit unit, double value) {
        if (unit == null || unit.equals(Catalog.systemUnit(category)) || unit.equals(Unit.NONE)) {
            return value;
        }
        if (category.equals(DataParameterCategory.TEMPERATURE) && unit.equals(Unit.KELVIN)) {
            return value - 273.15;
        }
        Double factor = FACTORS.get(category.getValue() + "/" + unit.getValue());
        if (factor == null) {
            throw HttpError.unprocessable(HttpError.NOT_SUPPORTED, "Единица измерения " + unit.getValue()
                    + " не поддерживается для категории " + category.getValue() + ".");
        }
        return value * factor;
    }
}
