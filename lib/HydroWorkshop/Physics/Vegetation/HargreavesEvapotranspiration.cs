namespace HydroWorkshop.Physics.Vegetation;

/// <summary>Reference evapotranspiration ET0 by Hargreaves and Samani (1985; FAO-56 eq. 52): the temperature-based
/// method FAO-56 recommends when radiation, humidity and wind are missing, which is the case for the Rhine-Meuse forcing.
/// It needs the diurnal temperature range Tmax − Tmin, which the data (daily mean only) lack either, so the range is
/// guessed from the day's rain: wide on a clear dry day, narrow under rain clouds.</summary>
public static class HargreavesEvapotranspiration
{
    /// <summary>Diurnal temperature range (K) assumed on a day without rain; 8-11 K is typical of a Central European summer.</summary>
    public const double DryDayTemperatureRange = 10.0;

    /// <summary>Diurnal temperature range (K) assumed on a day with rain (overcast days: 4-6 K).</summary>
    public const double RainyDayTemperatureRange = 5.0;

    /// <summary>ET0 (mm/day) from daily mean temperature (°C), extraterrestrial radiation Ra (MJ m⁻² day⁻¹) and the
    /// diurnal temperature range (K); 0.408 converts MJ m⁻² to mm of evaporated water. Zero below −17.8 °C, where the
    /// formula would turn negative.</summary>
    public static double Reference(double temperature, double extraterrestrial, double temperatureRange)
    {
        if (temperatureRange < 0)
            throw new ArgumentOutOfRangeException(nameof(temperatureRange), temperatureRange,
                "the diurnal temperature range cannot be negative");
        double et0 = 0.0023 * (temperature + 17.8) * Math.Sqrt(temperatureRange) * 0.408 * extraterrestrial;
        return Math.Max(0, et0);
    }

    /// <summary>ET0 (mm/day) with the diurnal range guessed from the day's precipitation (mm/day), see the class remarks.</summary>
    public static double FromDailyMean(double temperature, double extraterrestrial, double precipitationMm) =>
        Reference(temperature, extraterrestrial,
            precipitationMm >= SolarRadiation.RainyDayThreshold ? RainyDayTemperatureRange : DryDayTemperatureRange);
}
