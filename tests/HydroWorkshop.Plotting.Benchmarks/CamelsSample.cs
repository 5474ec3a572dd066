using System.Globalization;

namespace HydroWorkshop.Plotting.Benchmarks;

/// <summary>Just enough of the CAMELS-US text files to draw a real basin for the README image (the library's
/// data loaders are elsewhere): USGS discharge (ft³/s, -999 = missing) and NLDAS precipitation (mm/d).</summary>
public static class CamelsSample
{
    private const double CubicMetresPerCubicFoot = 0.028316846592;

    public static (DateTime[] Time, double[] Discharge, double[] Precipitation) Read(string folder, string huc, string gauge,
        DateTime from, DateTime to)
    {
        var flow = new Dictionary<DateTime, double>();
        foreach (var line in File.ReadLines(Path.Combine(folder, "usgs_streamflow", huc, $"{gauge}_streamflow_qc.txt")))
        {
            var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var day = new DateTime(int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture));
            var q = double.Parse(f[4], CultureInfo.InvariantCulture);
            flow[day] = q < 0 ? double.NaN : q * CubicMetresPerCubicFoot;
        }
        var rain = new Dictionary<DateTime, double>();
        foreach (var line in File.ReadLines(Path.Combine(folder, "basin_mean_forcing", "nldas", huc, $"{gauge}_lump_nldas_forcing_leap.txt")).Skip(4))
        {
            var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var day = new DateTime(int.Parse(f[0], CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture));
            rain[day] = double.Parse(f[5], CultureInfo.InvariantCulture);
        }
        var days = Enumerable.Range(0, (to - from).Days + 1).Select(d => from.AddDays(d)).ToArray();
        return (days, days.Select(d => flow.GetValueOrDefault(d, double.NaN)).ToArray(), days.Select(d => rain.GetValueOrDefault(d, double.NaN)).ToArray());
    }
}
