using HydroWorkshop.Data;

namespace HydroWorkshop.Surrogates.Gridded;

/// <summary>
/// Rows that notebook 06's learned models must beat, as <see cref="GriddedPrediction"/>s over one period, so that they
/// are scored exactly as the models are (median over land cells of NSE). Cells are row-major [y * x], LAI in m²/m².
/// </summary>
public static class VegetationBaselines
{
    /// <summary>
    /// Knows the land cover, ignores the weather: each cell's prediction on a day of the year is the mean LAI of all land
    /// cells of its class on the days of the training years within <paramref name="halfWindowDays"/> of that day of the
    /// year (circular; 29 February counts as 28 February). A model that learns from the weather must beat it.
    /// </summary>
    /// <param name="maps">The target LAI [time, y, x], land cover and land mask.</param>
    /// <param name="dates">The dates of <c>maps.Lai</c>'s time axis.</param>
    /// <param name="training">The years the cycles are averaged over.</param>
    /// <param name="period">The days returned (e.g. the test years).</param>
    /// <param name="halfWindowDays">Days either side of a day of the year that its mean takes in (0: that day only).</param>
    public static GriddedPrediction ClassClimatology(VegetationMaps maps, DateOnly[] dates, Period training, Period period,
        int halfWindowDays = 7)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(halfWindowDays);
        var cells = Cells(maps, dates);
        var classes = maps.LandCover.Where((c, i) => maps.Land[i] && c != 0).Distinct().ToArray();
        // Sum and count per class and day of the year over the training days, then a circular window over the year.
        var (sum, count) = (new Dictionary<int, double[]>(), new Dictionary<int, int[]>());
        foreach (var c in classes) (sum[c], count[c]) = (new double[365], new int[365]);
        for (var d = 0; d < dates.Length; d++)
        {
            if (!training.Contains(dates[d])) continue;
            var doy = DayOfYear(dates[d]);
            for (var i = 0; i < cells; i++)
            {
                var value = maps.Lai.Data[d * cells + i];
                if (!maps.Land[i] || maps.LandCover[i] == 0 || !float.IsFinite(value)) continue;
                sum[maps.LandCover[i]][doy] += value;
                count[maps.LandCover[i]][doy]++;
            }
        }
        var cycle = classes.ToDictionary(c => c, c => Enumerable.Range(0, 365).Select(doy =>
        {
            var (s, n) = (0.0, 0);
            for (var k = -halfWindowDays; k <= halfWindowDays; k++)
            {
                var j = ((doy + k) % 365 + 365) % 365;
                (s, n) = (s + sum[c][j], n + count[c][j]);
            }
            return n > 0 ? s / n : double.NaN;
        }).ToArray());
        return Series(maps, dates, period, (d, i) => maps.Land[i] && cycle.TryGetValue(maps.LandCover[i], out var series)
            ? series[DayOfYear(dates[d])] : double.NaN);
    }

    /// <summary>The process model's own LAI (the physics-encoded models' extra input) scored as a prediction.</summary>
    public static GriddedPrediction ProcessModel(VegetationMaps maps, DateOnly[] dates, Period period)
    {
        var process = maps.ProcessLai ?? throw new ArgumentException("the LAI file has no simple_lai (the process model's LAI)",
            nameof(maps));
        var cells = Cells(maps, dates);
        return Series(maps, dates, period, (d, i) => maps.Land[i] ? process.Data[d * cells + i] : double.NaN);
    }

    /// <summary>0–364: day of the year with 29 February folded onto 28 February, so every year has the same 365 days.</summary>
    private static int DayOfYear(DateOnly date) =>
        date.DayOfYear - 1 - (DateTime.IsLeapYear(date.Year) && date.Month > 2 ? 1 : 0) - (date is { Month: 2, Day: 29 } ? 1 : 0);

    private static int Cells(VegetationMaps maps, DateOnly[] dates)
    {
        var cells = maps.Land.Length;
        if (maps.Lai.Data.Length != dates.Length * cells) throw new ArgumentException(
            $"the LAI holds {maps.Lai.Data.Length} values; {dates.Length} dates × {cells} cells need {dates.Length * cells}",
            nameof(dates));
        return cells;
    }

    private static GriddedPrediction Series(VegetationMaps maps, DateOnly[] dates, Period period, Func<int, int, double> predict)
    {
        var cells = maps.Land.Length;
        var columns = maps.Lai.Columns;
        var days = Enumerable.Range(0, dates.Length).Where(d => period.Contains(dates[d])).ToArray();
        if (days.Length == 0) throw new ArgumentException($"no day of {period} in the dates", nameof(period));
        var observed = Enumerable.Range(0, cells).Select(i => days.Select(d => maps.Land[i] ? maps.Lai.Data[d * cells + i] : double.NaN)
            .ToArray()).ToArray();
        var predicted = Enumerable.Range(0, cells).Select(i => days.Select(d => predict(d, i)).ToArray()).ToArray();
        return new GriddedPrediction(Enumerable.Range(0, cells).Select(i => ClimateVegetation.CellName(i, columns)).ToArray(),
            days.Select(d => dates[d]).ToArray(), observed, predicted);
    }
}
