using HydroWorkshop.Data;

namespace HydroWorkshop.Plotting.Benchmarks;

/// <summary>A real CAMELS-US basin for the Charts article's image and the browser test, read with the library's
/// <see cref="CamelsUs"/> reader: discharge in m³/s (from mm/day and the basin area) and NLDAS precipitation (mm/day).</summary>
public static class CamelsSample
{
    public static (DateTime[] Time, double[] Discharge, double[] Precipitation) Read(string folder, string huc, string gauge,
        DateTime from, DateTime to)
    {
        _ = huc; // the reader finds the HUC folder itself
        var record = CamelsUs.Open(folder, ["nldas"]).ReadBasin(gauge);
        var area = record.AreaSquareMetres ?? throw new InvalidDataException($"basin {gauge} has no area in its forcing header");
        var days = Enumerable.Range(0, (to - from).Days + 1).Select(d => from.AddDays(d)).ToArray();
        double Value(string name, DateTime day)
        {
            var date = DateOnly.FromDateTime(day);
            return date < record.Start || date > record.End ? double.NaN : record.ValueOn(name, date);
        }
        // mm/day over the basin to m³/s: q · 1e-3 m · area / 86 400 s.
        return (days,
            days.Select(d => Value(CamelsUs.Discharge, d) * 1e-3 * area / 86400.0).ToArray(),
            days.Select(d => Value("prcp(mm/day)", d)).ToArray());
    }
}
