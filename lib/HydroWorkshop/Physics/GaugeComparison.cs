using System.Globalization;
using System.Text;

namespace HydroWorkshop.Physics;

/// <summary>
/// Simulated against measured depth at one gauge: root-mean-square error (m) over the measured times and the bore
/// arrival time (s), the first time the depth rises <see cref="ArrivalRise"/> above its initial value.
/// </summary>
public sealed record GaugeComparison(string Gauge, double Rmse, double MeasuredArrival, double SimulatedArrival)
{
    /// <summary>Rise (m) above the initial depth that marks the bore's arrival.</summary>
    public const double ArrivalRise = 0.01;

    /// <summary>Simulated minus measured arrival (s); NaN when either never arrives.</summary>
    public double ArrivalError => SimulatedArrival - MeasuredArrival;

    /// <summary>Compares a simulated series (linearly interpolated to the measured times) with a measured one.</summary>
    /// <param name="gauge">Gauge name.</param>
    /// <param name="simulatedTimes">Increasing times (s), <c>[time]</c>.</param>
    /// <param name="simulatedDepth">Depths (m), <c>[time]</c>.</param>
    /// <param name="measuredTimes">Times (s), <c>[time]</c>; those outside the simulated span are skipped.</param>
    /// <param name="measuredDepth">Depths (m), <c>[time]</c>.</param>
    public static GaugeComparison Compare(string gauge, double[] simulatedTimes, double[] simulatedDepth, double[] measuredTimes,
        double[] measuredDepth)
    {
        if (simulatedTimes.Length != simulatedDepth.Length || measuredTimes.Length != measuredDepth.Length || simulatedTimes.Length < 2)
            throw new ArgumentException($"gauge {gauge}: series lengths do not match or are too short");
        var sum = 0.0;
        var count = 0;
        var k = 0;
        for (var m = 0; m < measuredTimes.Length; m++)
        {
            var t = measuredTimes[m];
            if (t < simulatedTimes[0] || t > simulatedTimes[^1]) continue;
            while (k < simulatedTimes.Length - 2 && simulatedTimes[k + 1] < t) k++;
            var w = (t - simulatedTimes[k]) / (simulatedTimes[k + 1] - simulatedTimes[k]);
            var simulated = simulatedDepth[k] + w * (simulatedDepth[k + 1] - simulatedDepth[k]);
            var error = simulated - measuredDepth[m];
            sum += error * error;
            count++;
        }
        if (count == 0) throw new ArgumentException($"gauge {gauge}: no measured time lies within the simulated span");
        return new GaugeComparison(gauge, Math.Sqrt(sum / count), Arrival(measuredTimes, measuredDepth),
            Arrival(simulatedTimes, simulatedDepth));
    }

    /// <summary>First time (s) the depth exceeds its initial value by <see cref="ArrivalRise"/>; NaN if never.</summary>
    public static double Arrival(double[] times, double[] depth)
    {
        for (var k = 0; k < times.Length; k++)
            if (depth[k] > depth[0] + ArrivalRise) return times[k];
        return double.NaN;
    }

    /// <summary>A plain-text table of comparisons: gauge, RMSE (cm), measured and simulated arrival (s), difference.</summary>
    public static string Table(IEnumerable<GaugeComparison> comparisons)
    {
        var text = new StringBuilder();
        text.AppendLine("gauge  RMSE (cm)  arrival measured (s)  arrival simulated (s)  difference (s)");
        foreach (var c in comparisons)
            text.AppendLine(string.Format(CultureInfo.InvariantCulture, "{0,-5}  {1,9:F2}  {2,20}  {3,21}  {4,14}",
                c.Gauge, 100 * c.Rmse, Seconds(c.MeasuredArrival, "F2"), Seconds(c.SimulatedArrival, "F2"),
                Seconds(c.ArrivalError, "+0.00;-0.00;0.00")));
        return text.ToString();
    }

    // A gauge the bore never reaches (G6, in the reservoir) has no arrival: shown as "-".
    private static string Seconds(double value, string format) =>
        double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);
}
