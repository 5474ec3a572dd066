namespace HydroWorkshop.Data.Synthetic;

/// <summary>
/// A daily HBV-type conceptual model: degree-day snow, a soil-moisture store with a nonlinear recharge curve and
/// reduced evaporation when dry, an upper response store (fast and intermediate outflow), a lower store
/// (baseflow) fed by percolation, and a triangular routing function.
/// </summary>
public static class HbvModel
{
    /// <summary>Simulated discharge (mm/day) and snow water equivalent (mm), <c>[day]</c> each.</summary>
    public sealed record Result(float[] Discharge, float[] SnowWaterEquivalent);

    public static Result Run(HbvParameters p, ReadOnlySpan<float> precipitation, ReadOnlySpan<float> tmax, ReadOnlySpan<float> tmin,
        ReadOnlySpan<float> potentialEvaporation, int warmUpDays = 730)
    {
        var days = precipitation.Length;
        var discharge = new float[days];
        var swe = new float[days];
        var weights = RoutingWeights(p.RoutingDays);
        var queue = new double[weights.Length];
        double snow = 0, soil = 0.5 * p.FieldCapacity, upper = 5, lower = 20;
        // Spin up on the first year(s) repeated, so day 0 starts from a plausible state.
        var total = Math.Min(warmUpDays, days) + days;
        for (var step = 0; step < total; step++)
        {
            var d = step < Math.Min(warmUpDays, days) ? step % Math.Min(365, days) : step - Math.Min(warmUpDays, days);
            var temperature = 0.5 * (tmax[d] + tmin[d]);
            double rain = precipitation[d], melt = 0;
            if (temperature < p.ThresholdTemperature)
            {
                snow += rain;
                rain = 0;
            }
            else
            {
                melt = Math.Min(snow, p.DegreeDayFactor * (temperature - p.ThresholdTemperature));
                snow -= melt;
            }
            var input = rain + melt;
            var recharge = input * Math.Pow(Math.Min(1, soil / p.FieldCapacity), p.Beta);
            soil += input - recharge;
            if (soil > p.FieldCapacity)
            {
                recharge += soil - p.FieldCapacity;
                soil = p.FieldCapacity;
            }
            var evaporation = potentialEvaporation[d] * Math.Min(1, soil / (p.EvaporationThreshold * p.FieldCapacity));
            soil = Math.Max(0, soil - evaporation);

            upper += recharge;
            var percolation = Math.Min(p.Percolation, upper);
            upper -= percolation;
            lower += percolation;
            var fast = p.FastRecession * Math.Max(0, upper - p.UpperThreshold);
            var intermediate = p.UpperRecession * upper;
            upper = Math.Max(0, upper - fast - intermediate);
            var slow = p.LowerRecession * lower;
            lower -= slow;
            var generated = fast + intermediate + slow;

            for (var k = 0; k < weights.Length; k++) queue[k] += generated * weights[k];
            var routed = queue[0];
            Array.Copy(queue, 1, queue, 0, queue.Length - 1);
            queue[^1] = 0;

            if (step >= total - days)
            {
                discharge[d] = (float)routed;
                swe[d] = (float)snow;
            }
        }
        return new Result(discharge, swe);
    }

    /// <summary>Triangular unit hydrograph over <paramref name="baseDays"/> days, weights summing to 1.</summary>
    public static double[] RoutingWeights(double baseDays)
    {
        var n = Math.Max(1, (int)Math.Ceiling(baseDays));
        var weights = new double[n];
        double Cumulative(double t)
        {
            if (t <= 0) return 0;
            if (t >= baseDays) return 1;
            var half = baseDays / 2;
            return t <= half ? t * t / (2 * half * half) * 1.0 : 1 - (baseDays - t) * (baseDays - t) / (2 * half * half);
        }
        for (var i = 0; i < n; i++) weights[i] = Cumulative(i + 1) - Cumulative(i);
        var sum = weights.Sum();
        for (var i = 0; i < n; i++) weights[i] /= sum;
        return weights;
    }
}
