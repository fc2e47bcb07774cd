package io.lers4j;

import io.lers4j.model.DataParameter;

import java.util.Objects;

/** One value of a record: the parameter (e.g. {@code V_in}), the number, and the server's quality flags. */
public final class ParameterValue {

    private final DataParameter parameter;
    private final double value;
    private final boolean bad;
    private final boolean calculated;
    private final boolean interpolated;
    private final boolean reset;

    ParameterValue(DataParameter parameter, double value, boolean bad, boolean calculated, boolean interpolated, boolean reset) {
        this.parameter = parameter;
        this.value = value;
        this.bad = bad;
        this.calculated = calculated;
        this.interpolated = interpolated;
        this.reset = reset;
    }

    public DataParameter parameter() {
        return parameter;
    }

    /** The number; {@code NaN} when the server sent none. */
    public double value() {
        return value;
    }

    /** The device or the server marked the value invalid ({@code isBad}). */
    public boolean isBad() {
        return bad;
    }

    /** Calculated by the server rather than read from the device ({@code isCalc}). */
    public boolean isCalculated() {
        return calculated;
    }

    public boolean isInterpolated() {
        return interpolated;
    }

    /** The meter's totals were reset in this interval ({@code isReset}). */
    public boolean isReset() {
        return reset;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ParameterValue)) {
            return false;
        }
        ParameterValue p = (ParameterValue) o;
        return parameter.equals(p.parameter) && Double.compare(value, p.value) == 0 && bad == p.bad
                && calculated == p.calculated && interpolated == p.interpolated && reset == p.reset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(parameter, value, bad, calculated, interpolated, reset);
    }

    @Override
    public String toString() {
        return parameter + "=" + value + (bad ? " bad" : "") + (calculated ? " calc" : "")
                + (interpolated ? " interpolated" : "") + (reset ? " reset" : "");
    }
}
