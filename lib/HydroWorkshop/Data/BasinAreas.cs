using System.Globalization;

namespace HydroWorkshop.Data;

/// <summary>
/// Basin areas (km²), what turns runoff depth (mm/day) into discharge (m³/s) in the CSVs of <c>hw evaluate</c> and
/// <c>hw predict</c>. CAMELS-US files: the forcing file's header, whose area converted the gauge's ft³/s to mm/day, so
/// the m³/s columns give the gauge's own numbers back (area_gages2 differs by a few per cent); every CAMELS basin
/// has one. Other sources (Caravan, CSV folders): the attribute table's <c>area_gages2</c>, <c>area</c> or <c>area_km2</c>.
/// </summary>
public static class BasinAreas
{
    /// <summary>The attribute columns read as the area in km², first found wins.</summary>
    public static readonly IReadOnlyList<string> AttributeNames = ["area_gages2", "area", "area_km2"];

    /// <summary>The area of each basin of <paramref name="basinIds"/> that has a known positive one, in km².</summary>
    public static IReadOnlyDictionary<string, double> SquareKilometres(IBasinSource source, IEnumerable<string> basinIds)
    {
        var table = source.Attributes;
        var column = AttributeNames.FirstOrDefault(n => table.Names.Contains(n));
        var areas = new Dictionary<string, double>();
        foreach (var id in basinIds)
        {
            var area = source is CamelsUs camels && camels.AreaSquareMetres(id) is { } squareMetres ? squareMetres / 1e6
                : FromAttributes(table, column, id);
            if (area is > 0) areas[id] = area.Value;
        }
        return areas;
    }

    private static double? FromAttributes(AttributeTable table, string? column, string basinId) =>
        column is not null && double.TryParse(table.Text(basinId, column), NumberStyles.Float, CultureInfo.InvariantCulture, out var area)
            ? area : null;
}
