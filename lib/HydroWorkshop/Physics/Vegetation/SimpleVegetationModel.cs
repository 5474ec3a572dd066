namespace HydroWorkshop.Physics.Vegetation;

/// <summary>A deliberately simpler, biased process model of LAI: the "physics-encoded" input of notebook 06, the
/// imperfect model a ConvLSTM may lean on (Longyang and Zeng's question). Compared with <see cref="VegetationModel"/>:
/// it knows the land-cover map only through each class's LAI range (or one generic class without a map) and harvests
/// cropland at a fixed temperature sum; otherwise phenology is temperature only (no degree-day green-up, no day
/// length): LAI relaxes toward a linear ramp of the 15-day mean temperature; no soil water: the only water signal is the same day's rain
/// over ET0, so it has no drought memory; no disturbances. Its LAI follows the seasons of the target and correlates well; its errors are a
/// static seasonal part (phenology timing, crops after harvest), which location and season explain, and a dynamic part that grows with
/// dryness (dry cells, the 2003 summer), which only the weather's past explains.</summary>
public sealed class SimpleVegetationModel
{
    /// <summary>Winter LAI (m²/m²) of the generic class (used without a land-cover map), between bare cropland and retained
    /// needles.</summary>
    public double MinimumLai { get; init; } = 0.8;

    /// <summary>Summer LAI (m²/m²) of the generic class (used without a land-cover map), a mean of the full model's class maxima.</summary>
    public double MaximumLai { get; init; } = 4.5;

    /// <summary>15-day mean temperature (°C) at which the canopy starts to grow (and, in autumn, is gone).</summary>
    public double GreenUpTemperature { get; init; } = 5;

    /// <summary>15-day mean temperature (°C) from which the canopy is full.</summary>
    public double FullCanopyTemperature { get; init; } = 14;

    /// <summary>Time scale (days) of the running mean temperature.</summary>
    public double TemperatureMemoryDays { get; init; } = 15;

    /// <summary>Time scale (days) on which LAI follows its target.</summary>
    public double ResponseDays { get; init; } = 10;

    /// <summary>Largest fraction of the target LAI taken away on a day without rain (the same-day water signal: rain over
    /// ET0, no store).</summary>
    public double RainWeight { get; init; } = 0.1;

    /// <summary>Degree days (°C·day above 5 °C from the start of the phenological year) at which cropland is harvested
    /// (its target drops to the class minimum until the year ends). Set later than the full model's green-up plus
    /// maturity (80 + 1,000) on purpose: a calendar that is a little off, as a generic crop model's would be.</summary>
    public double CropHarvestDegreeDays { get; init; } = 1250;

    /// <summary>Days of forcing run before day 0 (as in <see cref="VegetationModel.SpinUpDays"/>).</summary>
    public int SpinUpDays { get; init; } = 365;

    /// <summary>Daily LAI (m²/m²), [time, y, x], of every cell of <paramref name="forcing"/>; with
    /// <paramref name="landCover"/> [y, x] each cell ranges between its class's minimum and maximum LAI, without it
    /// between <see cref="MinimumLai"/> and <see cref="MaximumLai"/>.</summary>
    public float[,,] Run(VegetationForcing forcing, LandCover[,]? landCover = null)
    {
        ArgumentNullException.ThrowIfNull(forcing);
        if (landCover is not null && (landCover.GetLength(0) != forcing.Rows || landCover.GetLength(1) != forcing.Columns))
            throw new ArgumentException(
                $"landCover is [{landCover.GetLength(0)}, {landCover.GetLength(1)}], the forcing grid [{forcing.Rows}, {forcing.Columns}]",
                nameof(landCover));
        if (!(GreenUpTemperature < FullCanopyTemperature))
            throw new ArgumentException(
                $"GreenUpTemperature ({GreenUpTemperature} °C) must be below FullCanopyTemperature ({FullCanopyTemperature} °C)");
        if (TemperatureMemoryDays < 1 || ResponseDays < 1)
            throw new ArgumentException(
                $"TemperatureMemoryDays ({TemperatureMemoryDays}) and ResponseDays ({ResponseDays}) must be at least 1 day");
        int days = forcing.Days, rows = forcing.Rows, columns = forcing.Columns, cells = forcing.Cells;
        var solar = new DailySolarTable(forcing);
        var meanTemperature = new double[cells];
        var lai = new double[cells];
        var range = new (double Minimum, double Maximum)[cells];
        var crop = new bool[cells];
        var degreeDays = new double[cells];
        for (int i = 0; i < cells; i++)
        {
            var parameters = landCover is null ? null : LandCoverParameters.For(landCover[i / columns, i % columns]);
            range[i] = parameters is null ? (MinimumLai, MaximumLai) : (parameters.MinimumLai, parameters.MaximumLai);
            crop[i] = parameters?.Class == LandCover.Cropland;
            meanTemperature[i] = forcing.Temperature[i];
            lai[i] = range[i].Minimum;
        }

        for (int t = 0; t < Math.Clamp(SpinUpDays, 0, days); t++)
            for (int i = 0; i < cells; i++) Advance(ref lai[i], ref meanTemperature[i], ref degreeDays[i], range[i], crop[i], forcing,
                solar, t, i, columns);

        var output = new float[days, rows, columns];
        for (int t = 0; t < days; t++)
            for (int i = 0; i < cells; i++)
            {
                Advance(ref lai[i], ref meanTemperature[i], ref degreeDays[i], range[i], crop[i], forcing, solar, t, i, columns);
                output[t, i / columns, i % columns] = (float)lai[i];
            }
        return output;
    }

    void Advance(ref double lai, ref double meanTemperature, ref double degreeDays, (double Minimum, double Maximum) range, bool crop,
        VegetationForcing forcing, DailySolarTable solar, int t, int cell, int columns)
    {
        double temperature = forcing.Temperature[t * forcing.Cells + cell];
        double rain = forcing.PrecipitationMm[t * forcing.Cells + cell];
        meanTemperature += (temperature - meanTemperature) / TemperatureMemoryDays;
        if (solar.YearStart(t, cell / columns)) degreeDays = 0;
        degreeDays += Math.Max(0, temperature - 5);
        double season = crop && degreeDays >= CropHarvestDegreeDays ? 0
            : Math.Clamp((meanTemperature - GreenUpTemperature) / (FullCanopyTemperature - GreenUpTemperature), 0, 1);
        double et0 = HargreavesEvapotranspiration.FromDailyMean(temperature, solar.Extraterrestrial(t, cell / columns), rain);
        double supply = et0 > 0 ? Math.Min(1, rain / et0) : 1;
        double target = (range.Minimum + (range.Maximum - range.Minimum) * season) * (1 - RainWeight * (1 - supply));
        lai += (target - lai) / ResponseDays;
    }
}
