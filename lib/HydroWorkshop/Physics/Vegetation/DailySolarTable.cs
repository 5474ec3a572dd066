namespace HydroWorkshop.Physics.Vegetation;

/// <summary>Extraterrestrial radiation, day length and "days are shortening" for every row and day of a forcing,
/// computed once: they depend on latitude and date only, so the cells of a row share them.</summary>
internal sealed class DailySolarTable
{
    readonly double[] extraterrestrial, dayLength;
    readonly bool[] shortening, yearStart;
    readonly int rows;

    public DailySolarTable(VegetationForcing forcing)
    {
        rows = forcing.Rows;
        int n = forcing.Days * rows;
        extraterrestrial = new double[n]; dayLength = new double[n];
        shortening = new bool[n]; yearStart = new bool[n];
        for (int t = 0; t < forcing.Days; t++)
        {
            DateOnly date = forcing.DateOf(t);
            int doy = date.DayOfYear, previous = date.AddDays(-1).DayOfYear;
            for (int r = 0; r < rows; r++)
            {
                double latitude = forcing.Latitudes[r];
                int i = t * rows + r;
                extraterrestrial[i] = SolarRadiation.Extraterrestrial(latitude, doy);
                dayLength[i] = SolarRadiation.DayLength(latitude, doy);
                shortening[i] = dayLength[i] < SolarRadiation.DayLength(latitude, previous) - 1e-9;
                // The phenological year starts in midwinter: 1 January in the north, 1 July in the south.
                yearStart[i] = latitude >= 0 ? date is { Month: 1, Day: 1 } : date is { Month: 7, Day: 1 };
            }
        }
    }

    /// <summary>Ra (MJ m⁻² day⁻¹) of row <paramref name="row"/> on day <paramref name="day"/>.</summary>
    public double Extraterrestrial(int day, int row) => extraterrestrial[day * rows + row];

    /// <summary>Day length (h).</summary>
    public double DayLength(int day, int row) => dayLength[day * rows + row];

    /// <summary>True after the summer solstice (the day is shorter than the one before).</summary>
    public bool Shortening(int day, int row) => shortening[day * rows + row];

    /// <summary>True on the first day of the phenological year.</summary>
    public bool YearStart(int day, int row) => yearStart[day * rows + row];
}
