namespace HydroWorkshop.Physics.Vegetation;

/// <summary>Sun-earth geometry of FAO-56 (Allen et al. 1998, chapter 3, eq. 21-25 and 34-35): extraterrestrial
/// radiation Ra and day length from latitude and day of year. WHY: the Rhine-Meuse forcing holds only precipitation and
/// daily mean temperature, so the radiation that drives evaporation and growth is derived from geometry, with a crude
/// cloudiness proxy (a rainy day is a cloudy day) for the radiation that reaches the ground.</summary>
public static class SolarRadiation
{
    /// <summary>Solar constant Gsc (MJ m⁻² min⁻¹), FAO-56 eq. 21.</summary>
    public const double SolarConstant = 0.0820;

    /// <summary>Relative sunshine duration n/N assumed on a day without rain (the European summer average is 0.4-0.6).</summary>
    public const double DryDaySunshineFraction = 0.55;

    /// <summary>Relative sunshine duration n/N assumed on a day with at least <see cref="RainyDayThreshold"/> mm of rain.</summary>
    public const double RainyDaySunshineFraction = 0.15;

    /// <summary>Precipitation (mm/day) from which a day counts as overcast in the cloudiness proxy.</summary>
    public const double RainyDayThreshold = 1.0;

    /// <summary>Solar declination δ (rad) on day of year <paramref name="dayOfYear"/> (1-366), FAO-56 eq. 24.</summary>
    public static double Declination(int dayOfYear) => 0.409 * Math.Sin(2 * Math.PI * dayOfYear / 365.0 - 1.39);

    /// <summary>Sunset hour angle ωs (rad), FAO-56 eq. 25; the argument is clamped so that polar day (π) and polar
    /// night (0) come out instead of NaN.</summary>
    public static double SunsetHourAngle(double latitudeDegrees, int dayOfYear)
    {
        double phi = ToRadians(latitudeDegrees);
        double x = -Math.Tan(phi) * Math.Tan(Declination(dayOfYear));
        return Math.Acos(Math.Clamp(x, -1.0, 1.0));
    }

    /// <summary>Extraterrestrial radiation Ra (MJ m⁻² day⁻¹) at latitude <paramref name="latitudeDegrees"/> (°N positive,
    /// °S negative) on day of year <paramref name="dayOfYear"/>, FAO-56 eq. 21. FAO-56 Example 8: 20 °S on 3 September
    /// (day 246) gives 32.2.</summary>
    public static double Extraterrestrial(double latitudeDegrees, int dayOfYear)
    {
        ValidateLatitude(latitudeDegrees);
        double phi = ToRadians(latitudeDegrees);
        double inverseDistance = 1 + 0.033 * Math.Cos(2 * Math.PI * dayOfYear / 365.0);
        double delta = Declination(dayOfYear);
        double omega = SunsetHourAngle(latitudeDegrees, dayOfYear);
        double ra = 24 * 60 / Math.PI * SolarConstant * inverseDistance
            * (omega * Math.Sin(phi) * Math.Sin(delta) + Math.Cos(phi) * Math.Cos(delta) * Math.Sin(omega));
        return Math.Max(0, ra);
    }

    /// <summary>Daylight hours N (h), FAO-56 eq. 34. Drives autumn senescence: deciduous trees react to the shortening
    /// day, not to the calendar.</summary>
    public static double DayLength(double latitudeDegrees, int dayOfYear)
    {
        ValidateLatitude(latitudeDegrees);
        return 24 / Math.PI * SunsetHourAngle(latitudeDegrees, dayOfYear);
    }

    /// <summary>Shortwave radiation at the ground Rs (MJ m⁻² day⁻¹) by the Angström formula (FAO-56 eq. 35, as = 0.25,
    /// bs = 0.50) with the relative sunshine duration guessed from the day's rain (no sunshine or cloud data exist):
    /// <see cref="DryDaySunshineFraction"/> on a dry day, <see cref="RainyDaySunshineFraction"/> on a rainy one.</summary>
    public static double Shortwave(double extraterrestrial, double precipitationMm)
    {
        double sunshine = precipitationMm >= RainyDayThreshold ? RainyDaySunshineFraction : DryDaySunshineFraction;
        return (0.25 + 0.50 * sunshine) * extraterrestrial;
    }

    static double ToRadians(double degrees) => degrees * Math.PI / 180.0;

    static void ValidateLatitude(double latitudeDegrees)
    {
        if (!double.IsFinite(latitudeDegrees) || Math.Abs(latitudeDegrees) > 90)
            throw new ArgumentOutOfRangeException(nameof(latitudeDegrees), latitudeDegrees, "latitude must be within -90..90 degrees");
    }
}
