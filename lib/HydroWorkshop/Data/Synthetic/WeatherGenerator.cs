namespace HydroWorkshop.Data.Synthetic;

/// <summary>Daily weather of one basin, Daymet's variables and units, <c>[day]</c> each.</summary>
public sealed record SyntheticWeather(
    float[] DayLength, float[] Precipitation, float[] Radiation, float[] MaxTemperature, float[] MinTemperature,
    float[] VapourPressure, float[] PotentialEvaporation);

/// <summary>
/// A stochastic weather generator: wet/dry days from a first-order Markov chain with a seasonal cycle, gamma
/// amounts, seasonal temperature with AR(1) anomalies (cooler on wet days), shortwave radiation from the
/// extraterrestrial radiation at the latitude (cloudier on wet days), vapour pressure near saturation at the
/// minimum temperature, day length from latitude and Hargreaves potential evaporation.
/// </summary>
public static class WeatherGenerator
{
    private const double GammaShape = 0.75;

    public static SyntheticWeather Generate(SyntheticBasin basin, DateOnly start, int days, SeededRandom random,
        CancellationToken cancellationToken = default)
    {
        var dayl = new float[days];
        var prcp = new float[days];
        var srad = new float[days];
        var tmax = new float[days];
        var tmin = new float[days];
        var vp = new float[days];
        var pet = new float[days];
        var latitude = basin.Latitude * Math.PI / 180;
        var wet = false;
        var anomaly = 0.0;
        // Mean amount on wet days so that the long-term mean is PrecipitationMean.
        var wetFraction = basin.WetAfterDry / (1 - basin.WetAfterWet + basin.WetAfterDry);
        var wetMean = basin.PrecipitationMean / wetFraction;
        for (var d = 0; d < days; d++)
        {
            if ((d & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
            var date = start.AddDays(d);
            var doy = date.DayOfYear;
            var season = Math.Cos(2 * Math.PI * (doy - basin.PrecipitationPeakDay) / 365.25);
            var factor = 1 + basin.PrecipitationSeasonality * season;
            // Seasonality splits between occurrence and amount.
            var pWet = Math.Clamp((wet ? basin.WetAfterWet : basin.WetAfterDry) * Math.Sqrt(factor), 0.01, 0.97);
            wet = random.NextDouble() < pWet;
            var amount = wet ? random.Gamma(GammaShape, wetMean * Math.Sqrt(factor) / GammaShape) : 0;
            prcp[d] = (float)Math.Round(amount, 2);

            anomaly = 0.7 * anomaly + random.Normal(0, 2.2);
            var tMean = basin.TemperatureMean - basin.TemperatureAmplitude * Math.Cos(2 * Math.PI * (doy - 18) / 365.25) +
                anomaly - (wet ? 1.0 : 0);
            var range = (wet ? 7.0 : 12.5) + random.Normal(0, 1.2) + (basin.PrecipitationMean < 2 ? 3 : 0);
            range = Math.Max(2, range);
            tmax[d] = (float)Math.Round(tMean + range / 2, 2);
            tmin[d] = (float)Math.Round(tMean - range / 2, 2);

            var (dayLengthSeconds, extraterrestrial) = Solar(latitude, doy);
            dayl[d] = (float)Math.Round(dayLengthSeconds, 2);
            var transmissivity = Math.Clamp((wet ? 0.38 : 0.7) + random.Normal(0, 0.06), 0.1, 0.8);
            var surface = transmissivity * extraterrestrial;                                  // MJ/m2/day
            srad[d] = dayLengthSeconds > 0 ? (float)Math.Round(surface * 1e6 / dayLengthSeconds, 2) : 0f;   // daylight mean W/m2, as Daymet

            var dewPoint = tmin[d] - (wet ? 0.3 : 1.5 + (basin.PrecipitationMean < 2 ? 3 : 0));
            vp[d] = (float)Math.Round(611 * Math.Exp(17.27 * dewPoint / (dewPoint + 237.3)), 2);
            pet[d] = (float)HargreavesEvaporation(extraterrestrial, tMean, tmax[d] - tmin[d]);
        }
        return new SyntheticWeather(dayl, prcp, srad, tmax, tmin, vp, pet);
    }

    /// <summary>Hargreaves potential evaporation, mm/day (0 when negative): 0.0023 · Ra / λ · (T + 17.8) · √(Tmax − Tmin), with
    /// the extraterrestrial radiation <paramref name="extraterrestrial"/> in MJ/m²/day (÷ 2.45 MJ/kg gives mm/day), the mean
    /// temperature and the daily range Tmax − Tmin in °C (Hargreaves and Samani, 1985; FAO-56, eq. 52).</summary>
    public static double HargreavesEvaporation(double extraterrestrial, double meanTemperature, double dailyRange) =>
        Math.Max(0, 0.0023 * (extraterrestrial / 2.45) * (meanTemperature + 17.8) * Math.Sqrt(Math.Max(0, dailyRange)));

    /// <summary>Day length (s) and extraterrestrial radiation (MJ/m2/day) at <paramref name="latitude"/> (rad), FAO-56.</summary>
    public static (double DayLengthSeconds, double Extraterrestrial) Solar(double latitude, int dayOfYear)
    {
        var declination = 0.409 * Math.Sin(2 * Math.PI * dayOfYear / 365 - 1.39);
        var sunset = Math.Acos(Math.Clamp(-Math.Tan(latitude) * Math.Tan(declination), -1, 1));
        var distance = 1 + 0.033 * Math.Cos(2 * Math.PI * dayOfYear / 365);
        var ra = 24 * 60 / Math.PI * 0.0820 * distance *
                 (sunset * Math.Sin(latitude) * Math.Sin(declination) + Math.Cos(latitude) * Math.Cos(declination) * Math.Sin(sunset));
        return (24 * 3600 * sunset / Math.PI, Math.Max(0, ra));
    }
}
