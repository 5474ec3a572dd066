namespace HydroWorkshop.Physics.Vegetation;

/// <summary>Growth response to temperature: the beta function of Yan and Hunt (1999, Ann. Bot. 84), zero at and below
/// the base temperature and at and above the maximum, one at the optimum. WHY a beta function: it has the asymmetric
/// shape of measured leaf-expansion curves (slow rise, steep heat decline) with three readable parameters.</summary>
public static class TemperatureResponse
{
    /// <summary>Relative growth (0-1) at <paramref name="temperature"/> (°C) for base &lt; optimum &lt; maximum (°C).</summary>
    public static double Beta(double temperature, double baseTemperature, double optimumTemperature, double maximumTemperature)
    {
        if (!(baseTemperature < optimumTemperature && optimumTemperature < maximumTemperature))
            throw new ArgumentException(
                $"temperatures must satisfy base < optimum < maximum; got {baseTemperature}, {optimumTemperature}, {maximumTemperature} °C",
                nameof(optimumTemperature));
        if (temperature <= baseTemperature || temperature >= maximumTemperature) return 0;
        double rising = (temperature - baseTemperature) / (optimumTemperature - baseTemperature);
        double falling = (maximumTemperature - temperature) / (maximumTemperature - optimumTemperature);
        double exponent = (maximumTemperature - optimumTemperature) / (optimumTemperature - baseTemperature);
        return rising * Math.Pow(falling, exponent);
    }

    /// <summary>The response with the temperatures of a land-cover class.</summary>
    public static double For(LandCoverParameters parameters, double temperature) =>
        Beta(temperature, parameters.BaseTemperature, parameters.OptimumTemperature, parameters.MaximumTemperature);
}
