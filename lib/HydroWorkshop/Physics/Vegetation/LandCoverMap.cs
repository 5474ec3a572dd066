namespace HydroWorkshop.Physics.Vegetation;

/// <summary>Draws a land-cover class for every cell from its climate and a seeded random pattern. WHY not a real map:
/// the data set's land-surface maps (netCDF-4) hold soil and elevation statistics, not vegetation, so the honest route is
/// a rule a reader can check: cold cells (high Alps) are alpine/sparse, cool cells (uplands: Black Forest, Vosges,
/// Ardennes-Eifel crests) are spruce forest, and the lowlands are a patchwork of cropland, grassland and deciduous forest
/// in proportions close to the basin's (CORINE: roughly half agricultural land, a quarter grassland, a quarter forest),
/// with more grassland and forest where it is wetter (hills) and more cropland where it is dry (Upper Rhine plain).
/// The patchwork comes from spatially smoothed seeded noise, so classes form contiguous patches as on a real map.</summary>
public static class LandCoverMap
{
    /// <summary>Mean annual temperature (°C) below which a cell is alpine/sparse.</summary>
    public const double AlpineBelow = 3.0;

    /// <summary>Mean annual temperature (°C) below which a cell is evergreen (montane spruce) forest.</summary>
    public const double EvergreenBelow = 6.5;

    /// <summary>Mean annual temperature (°C) below which part of the forest share is spruce rather than broadleaf.</summary>
    public const double MixedForestBelow = 8.5;

    /// <summary>The class of every cell, [y, x]. <paramref name="meanTemperature"/> (°C) and
    /// <paramref name="annualPrecipitation"/> (mm/year) are flat [y, x]; the same <paramref name="seed"/> gives the same map.</summary>
    public static LandCover[,] FromClimate(double[] meanTemperature, double[] annualPrecipitation, int rows, int columns, int seed)
    {
        ArgumentNullException.ThrowIfNull(meanTemperature);
        ArgumentNullException.ThrowIfNull(annualPrecipitation);
        if (meanTemperature.Length != rows * columns || annualPrecipitation.Length != rows * columns)
            throw new ArgumentException(
                $"climate arrays have {meanTemperature.Length} and {annualPrecipitation.Length} values; the {rows} × {columns} grid needs {rows * columns}");
        double[] pattern = RankedNoise(rows, columns, seed);
        var map = new LandCover[rows, columns];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                int i = r * columns + c;
                map[r, c] = Classify(meanTemperature[i], annualPrecipitation[i], pattern[i]);
            }
        return map;
    }

    /// <summary>The map of <paramref name="forcing"/>'s own climate.</summary>
    public static LandCover[,] FromClimate(VegetationForcing forcing, int seed)
    {
        ArgumentNullException.ThrowIfNull(forcing);
        var (temperature, precipitation) = forcing.Climatology();
        return FromClimate(temperature, precipitation, forcing.Rows, forcing.Columns, seed);
    }

    /// <summary>The class of one cell; <paramref name="pattern"/> is the cell's rank (0-1) in the smoothed noise.</summary>
    static LandCover Classify(double meanTemperature, double annualPrecipitation, double pattern)
    {
        if (meanTemperature < AlpineBelow) return LandCover.AlpineSparse;
        if (meanTemperature < EvergreenBelow) return LandCover.EvergreenForest;
        double wetness = Math.Clamp((annualPrecipitation - 700) / 500, 0, 1);
        double forest = 0.20 + 0.15 * wetness;
        double grass = 0.20 + 0.15 * wetness;
        if (pattern < forest)
        {
            bool spruce = meanTemperature < MixedForestBelow && pattern < forest / 2;
            return spruce ? LandCover.EvergreenForest : LandCover.DeciduousForest;
        }
        return pattern < forest + grass ? LandCover.Grassland : LandCover.Cropland;
    }

    /// <summary>White noise smoothed by a 3 × 3 box (edges averaged over the cells that exist), then replaced by its rank
    /// scaled to (0, 1), so the class shares follow the thresholds above whatever the grid size.</summary>
    static double[] RankedNoise(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        var noise = new double[rows * columns];
        for (int i = 0; i < noise.Length; i++) noise[i] = random.NextDouble();
        var smooth = new double[noise.Length];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < columns; c++)
            {
                double sum = 0; int count = 0;
                for (int dr = -1; dr <= 1; dr++)
                    for (int dc = -1; dc <= 1; dc++)
                    {
                        int rr = r + dr, cc = c + dc;
                        if (rr < 0 || rr >= rows || cc < 0 || cc >= columns) continue;
                        sum += noise[rr * columns + cc]; count++;
                    }
                smooth[r * columns + c] = sum / count;
            }
        int[] order = Enumerable.Range(0, smooth.Length).OrderBy(i => smooth[i]).ThenBy(i => i).ToArray();
        var rank = new double[smooth.Length];
        for (int k = 0; k < order.Length; k++) rank[order[k]] = (k + 0.5) / order.Length;
        return rank;
    }
}
