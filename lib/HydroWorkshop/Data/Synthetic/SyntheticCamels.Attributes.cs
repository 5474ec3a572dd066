using System.Globalization;
using System.Text;

namespace HydroWorkshop.Data.Synthetic;

// The camels_*.txt attribute files: landscape attributes from the draw, climate and hydrological signatures
// computed from the generated series as CAMELS defines them (Addor et al. 2017), simplified where noted.
public static partial class SyntheticCamels
{
    private static void WriteAttributes(string folder, SyntheticCamelsOptions options, GeneratedBasin[] basins)
    {
        Directory.CreateDirectory(folder);
        void Write(string file, string header, Func<GeneratedBasin, IEnumerable<object>> row)
        {
            var text = new StringBuilder(header).Append('\n');
            foreach (var g in basins)
                text.Append(g.Basin.GaugeId).Append(';').Append(string.Join(';', row(g).Select(Format))).Append('\n');
            File.WriteAllText(Path.Combine(folder, file), text.ToString());
        }

        Write("camels_name.txt", "gauge_id;huc_02;gauge_name",
            g => [g.Basin.Huc02.ToString("D2", CultureInfo.InvariantCulture), g.Basin.Name]);
        Write("camels_topo.txt", "gauge_id;gauge_lat;gauge_lon;elev_mean;slope_mean;area_gages2;area_geospa_fabric",
            g => [g.Basin.Latitude, g.Basin.Longitude, g.Basin.ElevationMean, g.Basin.SlopeMean, g.Basin.AreaKm2, g.Basin.AreaKm2 * 1.01]);
        Write("camels_vege.txt",
            "gauge_id;frac_forest;lai_max;lai_diff;gvf_max;gvf_diff;dom_land_cover_frac;dom_land_cover;root_depth_50;root_depth_99",
            g => [g.Basin.FracForest, g.Basin.LaiMax, g.Basin.LaiDiff, g.Basin.GvfMax, g.Basin.GvfDiff,
                Math.Max(g.Basin.FracForest, 1 - g.Basin.FracForest),
                g.Basin.FracForest > 0.5 ? "    Mixed Forests" : "    Grasslands", 0.12 + 0.1 * g.Basin.FracForest,
                1.5 + g.Basin.FracForest]);
        Write("camels_soil.txt",
            "gauge_id;soil_depth_pelletier;soil_depth_statsgo;soil_porosity;soil_conductivity;max_water_content;sand_frac;silt_frac;clay_frac;water_frac;organic_frac;other_frac",
            g => [g.Basin.SoilDepthPelletier, g.Basin.SoilDepthStatsgo, g.Basin.SoilPorosity, g.Basin.SoilConductivity,
                g.Basin.MaxWaterContent,
                g.Basin.SandFrac, g.Basin.SiltFrac, g.Basin.ClayFrac, 0.0, 0.0, 0.0]);
        Write("camels_geol.txt",
            "gauge_id;geol_1st_class;glim_1st_class_frac;geol_2nd_class;glim_2nd_class_frac;carbonate_rocks_frac;geol_porostiy;geol_permeability",
            g => [g.Basin.CarbonateRocksFrac > 0.5 ? "Carbonate sedimentary rocks" : "Siliciclastic sedimentary rocks",
                Math.Max(g.Basin.CarbonateRocksFrac, 1 - g.Basin.CarbonateRocksFrac),
                g.Basin.CarbonateRocksFrac > 0.5 ? "Siliciclastic sedimentary rocks" : "Metamorphics",
                Math.Min(g.Basin.CarbonateRocksFrac, 1 - g.Basin.CarbonateRocksFrac),
                g.Basin.CarbonateRocksFrac, g.Basin.GeolPorosity, g.Basin.GeolPermeability]);
        Write("camels_clim.txt",
            "gauge_id;p_mean;pet_mean;p_seasonality;frac_snow;aridity;high_prec_freq;high_prec_dur;high_prec_timing;low_prec_freq;low_prec_dur;low_prec_timing",
            g => Climate(g, options.Start));
        Write("camels_hydro.txt",
            "gauge_id;q_mean;runoff_ratio;slope_fdc;baseflow_index;stream_elas;q5;q95;high_q_freq;high_q_dur;low_q_freq;low_q_dur;zero_q_freq;hfd_mean",
            g => Hydrology(g, options.Start));
        var parameters = new StringBuilder("gauge_id;TT;CFMAX;FC;BETA;LP;K0;K1;K2;PERC;UZL;MAXBAS\n");
        foreach (var g in basins)
        {
            var p = g.Basin.Hbv;
            parameters.Append(g.Basin.GaugeId).Append(';')
                .Append(string.Join(';', new[] { p.ThresholdTemperature, p.DegreeDayFactor, p.FieldCapacity, p.Beta,
                p.EvaporationThreshold, p.FastRecession, p.UpperRecession, p.LowerRecession, p.Percolation, p.UpperThreshold,
                p.RoutingDays }.Select(v => Format(v)))).Append('\n');
        }
        File.WriteAllText(Path.Combine(folder, "..", "synthetic_parameters.txt"), parameters.ToString());
    }

    private static string Format(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Season(DateOnly date) =>
        date.Month switch { 12 or 1 or 2 => "djf", 3 or 4 or 5 => "mam", 6 or 7 or 8 => "jja", _ => "son" };

    private static IEnumerable<object> Climate(GeneratedBasin g, DateOnly start)
    {
        var p = g.Weather.Precipitation;
        var days = p.Length;
        var years = days / 365.25;
        var pMean = p.Average(v => (double)v);
        var petMean = g.Weather.PotentialEvaporation.Average(v => (double)v);
        double snow = 0;
        for (var d = 0; d < days; d++) if (0.5 * (g.Weather.MaxTemperature[d] + g.Weather.MinTemperature[d]) < 0) snow += p[d];
        var (highFreq, highDur, highTiming) = Spells(p, start, v => v >= 5 * pMean);
        var (lowFreq, lowDur, lowTiming) = Spells(p, start, v => v < 1);
        // Addor et al.: seasonality from the fitted sine amplitudes; here the generator's own cycle, signed by its
        // phase relative to temperature (positive: summer maximum).
        var phase = Math.Cos(2 * Math.PI * (g.Basin.PrecipitationPeakDay - 200) / 365.25);
        return [pMean, petMean, g.Basin.PrecipitationSeasonality * phase, pMean > 0 ? snow / p.Sum(v => (double)v) : 0, petMean / pMean,
            highFreq / years, highDur, highTiming, lowFreq / years, lowDur, lowTiming];
    }

    /// <summary>Days per record meeting <paramref name="test"/>, mean spell length, and the season with most such days.</summary>
    private static (double Days, double MeanDuration, string Season) Spells(float[] values, DateOnly start, Func<float, bool> test)
    {
        int count = 0, spells = 0;
        var run = false;
        var seasons = new Dictionary<string, int> { ["djf"] = 0, ["mam"] = 0, ["jja"] = 0, ["son"] = 0 };
        for (var d = 0; d < values.Length; d++)
        {
            var hit = test(values[d]);
            if (hit)
            {
                count++;
                seasons[Season(start.AddDays(d))]++;
                if (!run) spells++;
            }
            run = hit;
        }
        return (count, spells == 0 ? 0 : (double)count / spells, seasons.MaxBy(s => s.Value).Key);
    }

    private static IEnumerable<object> Hydrology(GeneratedBasin g, DateOnly start)
    {
        var q = g.Simulation.Discharge.Where((_, d) => !g.DischargeMissing[d]).Select(v => (double)v).ToArray();
        var p = g.Weather.Precipitation.Where((_, d) => !g.DischargeMissing[d]).Select(v => (double)v).ToArray();
        var years = q.Length / 365.25;
        var qMean = q.Average();
        var sorted = q.Order().ToArray();
        double Quantile(double f) => sorted[Math.Clamp((int)(f * (sorted.Length - 1)), 0, sorted.Length - 1)];
        var median = Quantile(0.5);
        var slopeFdc = (Math.Log(Math.Max(Quantile(0.67), 1e-6)) - Math.Log(Math.Max(Quantile(0.34), 1e-6))) / (0.67 - 0.34);
        // Lyne-Hollick filter, one forward pass, alpha 0.925.
        double quick = 0, baseflow = 0;
        for (var d = 1; d < q.Length; d++)
        {
            quick = Math.Max(0, 0.925 * quick + 0.5 * 1.925 * (q[d] - q[d - 1]));
            baseflow += Math.Min(q[d], q[d] - quick);
        }
        var (highFreq, highDur, _) = Spells(q.Select(v => (float)v).ToArray(), start, v => v > 9 * median);
        var (lowFreq, lowDur, _) = Spells(q.Select(v => (float)v).ToArray(), start, v => v < 0.2 * qMean);
        var zero = q.Count(v => v == 0) / (double)q.Length;
        // Half-flow date: mean day of the hydrological year (from 1 October) by which half of its flow has passed.
        var halfDays = new List<double>();
        var flows = g.Simulation.Discharge;
        for (var y = start.Year; y < start.Year + (int)(flows.Length / 365.25); y++)
        {
            var first = new DateOnly(y, 10, 1).DayNumber - start.DayNumber;
            if (first < 0 || first + 365 > flows.Length) continue;
            var total = 0.0;
            for (var d = first; d < first + 365; d++) total += flows[d];
            var cumulative = 0.0;
            for (var d = first; d < first + 365; d++)
            {
                cumulative += flows[d];
                if (cumulative >= total / 2) { halfDays.Add(d - first); break; }
            }
        }
        return [qMean, qMean / p.Average(), slopeFdc, q.Sum() > 0 ? baseflow / q.Sum() : 0, 1.0 + 0.5 * (1 - qMean / p.Average()),
            Quantile(0.05), Quantile(0.95),
            highFreq / years, highDur, lowFreq / years, lowDur, zero, halfDays.Count > 0 ? halfDays.Average() : 180.0];
    }
}
