namespace HydroWorkshop.Data.Synthetic;

/// <summary>
/// The landscape and climate of one synthetic basin (drawn from a seed) and the HBV parameters that follow from
/// them. The parameters are functions of the attributes, so a model that sees the attributes can learn the
/// regionalisation.
/// </summary>
public sealed record SyntheticBasin
{
    public required string GaugeId { get; init; }
    public required int Huc02 { get; init; }
    public required string Name { get; init; }
    public required double Latitude { get; init; }
    public required double Longitude { get; init; }
    /// <summary>Mean basin elevation (m).</summary>
    public required double ElevationMean { get; init; }
    /// <summary>Gauge elevation (m).</summary>
    public required double GaugeElevation { get; init; }
    /// <summary>Mean slope (m/km).</summary>
    public required double SlopeMean { get; init; }
    /// <summary>Area (km2).</summary>
    public required double AreaKm2 { get; init; }
    public required double FracForest { get; init; }
    public required double LaiMax { get; init; }
    public required double LaiDiff { get; init; }
    public required double GvfMax { get; init; }
    public required double GvfDiff { get; init; }
    /// <summary>Soil depth (m), Pelletier and STATSGO.</summary>
    public required double SoilDepthPelletier { get; init; }
    public required double SoilDepthStatsgo { get; init; }
    public required double SoilPorosity { get; init; }
    /// <summary>Saturated conductivity (cm/h).</summary>
    public required double SoilConductivity { get; init; }
    /// <summary>Maximum water content (m).</summary>
    public required double MaxWaterContent { get; init; }
    /// <summary>Sand, silt and clay fractions (%).</summary>
    public required double SandFrac { get; init; }
    public required double SiltFrac { get; init; }
    public required double ClayFrac { get; init; }
    public required double CarbonateRocksFrac { get; init; }
    /// <summary>log10 of the permeability (m2).</summary>
    public required double GeolPermeability { get; init; }
    public required double GeolPorosity { get; init; }

    // Climate of the weather generator.
    /// <summary>Mean precipitation (mm/day) before seasonality.</summary>
    public required double PrecipitationMean { get; init; }
    /// <summary>Probability of a wet day after a dry one, and after a wet one.</summary>
    public required double WetAfterDry { get; init; }
    public required double WetAfterWet { get; init; }
    /// <summary>Relative amplitude of the seasonal precipitation cycle and the day of year of its peak.</summary>
    public required double PrecipitationSeasonality { get; init; }
    public required double PrecipitationPeakDay { get; init; }
    /// <summary>Mean annual temperature (degC) and the seasonal amplitude (K).</summary>
    public required double TemperatureMean { get; init; }
    public required double TemperatureAmplitude { get; init; }

    // HBV parameters.
    public required HbvParameters Hbv { get; init; }

    /// <summary>Draws basin number <paramref name="index"/> of a set made with <paramref name="seed"/>.</summary>
    public static SyntheticBasin Draw(ulong seed, int index)
    {
        var r = SeededRandom.For(seed, (ulong)index);
        var longitude = r.Uniform(-123, -69);
        var latitude = r.Uniform(30, 48.5);
        var west = longitude < -104;
        var mountainous = west ? r.NextDouble() < 0.75 : r.NextDouble() < 0.2;
        var elevation = mountainous ? r.Uniform(1200, 3300) : r.Uniform(40, 700);
        var slope = mountainous ? r.Uniform(60, 200) : r.Uniform(2, 60);
        var area = Math.Exp(r.Uniform(Math.Log(20), Math.Log(3000)));
        // Wetter east and on the Pacific north-west, dry in the interior west.
        var precipitation = longitude > -98 ? r.Uniform(2.6, 4.6)
            : longitude < -117 ? r.Uniform(1.8, 6.5) * (0.6 + 0.4 * (latitude - 30) / 18.5)
            : r.Uniform(0.9, 2.6) + (mountainous ? 0.8 : 0);
        var forest = Math.Clamp(0.1 + 0.14 * precipitation + r.Normal(0, 0.15), 0.02, 0.98);
        var clay = r.Uniform(5, 45);
        var sand = r.Uniform(10, 85 - clay);
        var soilDepth = mountainous ? r.Uniform(0.6, 4) : r.Uniform(2, 20);
        var porosity = r.Uniform(0.36, 0.5);
        var statsgo = Math.Min(1.5, 0.4 + soilDepth / 10 + r.Normal(0, 0.1));
        var waterContent = Math.Clamp(statsgo * porosity * r.Uniform(0.8, 1.2), 0.08, 0.8);
        var permeability = r.Uniform(-16, -11.5);
        var carbonate = r.NextDouble() < 0.3 ? r.Uniform(0.1, 0.9) : 0;
        var temperature = 24.5 - 0.62 * (latitude - 25) - 6.5 * elevation / 1000 + r.Normal(0, 0.7);
        var amplitude = 7 + 0.25 * (latitude - 30) + (longitude is > -104 and < -88 ? 3.5 : 0) + r.Uniform(-1, 1);
        var seasonality = Math.Clamp(longitude < -117 ? r.Uniform(0.5, 0.9) : r.Uniform(0.05, 0.45), 0, 0.95);
        var peak = longitude < -117 ? r.Uniform(-30, 30) : r.Uniform(120, 240);   // winter rain on the Pacific coast, summer elsewhere
        var wetAfterWet = r.Uniform(0.45, 0.7);
        var wetFraction = Math.Clamp(0.18 + 0.06 * precipitation + r.Normal(0, 0.04), 0.12, 0.6);
        // Stationary wet fraction pi = p01 / (1 - p11 + p01)  =>  p01 = pi (1 - p11) / (1 - pi).
        var wetAfterDry = wetFraction * (1 - wetAfterWet) / (1 - wetFraction);

        var slopeScaled = Math.Clamp((slope - 2) / 198, 0, 1);
        var permeabilityScaled = (permeability + 16) / 4.5;
        var hbv = new HbvParameters
        {
            ThresholdTemperature = r.Uniform(-0.5, 0.5),
            DegreeDayFactor = 4.5 - 2.0 * forest,
            FieldCapacity = 60 + 600 * waterContent,
            Beta = 1.2 + clay / 11,
            EvaporationThreshold = 0.45 + 0.35 * forest,
            FastRecession = 0.12 + 0.35 * slopeScaled,
            UpperRecession = 0.04 + 0.12 * slopeScaled,
            LowerRecession = 0.05 - 0.042 * permeabilityScaled,
            Percolation = 0.3 + 2.7 * permeabilityScaled,
            UpperThreshold = 40 - 25 * slopeScaled,
            RoutingDays = Math.Clamp(1 + 4 * Math.Log10(area) / Math.Log10(3000), 1, 5),
        };
        var huc = HucRegion(latitude, longitude);
        return new SyntheticBasin
        {
            GaugeId = $"{huc:D2}99{index:D4}",
            Huc02 = huc,
            Name = $"Synthetic Creek {index + 1} near Nowhere",
            Latitude = latitude,
            Longitude = longitude,
            ElevationMean = elevation,
            GaugeElevation = Math.Max(5, elevation - r.Uniform(50, 600) * (mountainous ? 1.5 : 0.3)),
            SlopeMean = slope,
            AreaKm2 = area,
            FracForest = forest,
            LaiMax = 1 + 4 * forest + r.Uniform(0, 0.6),
            LaiDiff = 0.8 + 3 * forest * r.Uniform(0.6, 1),
            GvfMax = Math.Clamp(0.45 + 0.45 * forest + r.Normal(0, 0.03), 0.2, 0.95),
            GvfDiff = Math.Clamp(0.2 + 0.3 * forest * r.Uniform(0.5, 1), 0.05, 0.7),
            SoilDepthPelletier = soilDepth,
            SoilDepthStatsgo = statsgo,
            SoilPorosity = porosity,
            SoilConductivity = Math.Exp(-0.6 + 0.0126 * sand - 0.0064 * clay),
            MaxWaterContent = waterContent,
            SandFrac = sand,
            SiltFrac = 100 - sand - clay,
            ClayFrac = clay,
            CarbonateRocksFrac = carbonate,
            GeolPermeability = permeability,
            GeolPorosity = r.Uniform(0.01, 0.2),
            PrecipitationMean = precipitation,
            WetAfterDry = wetAfterDry,
            WetAfterWet = wetAfterWet,
            PrecipitationSeasonality = seasonality,
            PrecipitationPeakDay = (peak + 365) % 365,
            TemperatureMean = temperature,
            TemperatureAmplitude = amplitude,
            Hbv = hbv,
        };
    }

    /// <summary>A plausible two-digit HUC region for a location in the contiguous US.</summary>
    private static int HucRegion(double latitude, double longitude) => longitude switch
    {
        > -75 => latitude > 41 ? 1 : 2,
        > -85 => latitude > 41 ? 4 : latitude > 36 ? 5 : 3,
        > -92 => latitude > 42 ? 7 : latitude > 36 ? 5 : 8,
        > -98 => latitude > 40 ? 10 : latitude > 33 ? 11 : 12,
        > -105 => latitude > 41 ? 10 : latitude > 34 ? 11 : 13,
        > -112 => latitude > 41 ? 17 : latitude > 37 ? 14 : 15,
        > -117 => latitude > 42 ? 17 : 16,
        _ => latitude > 42 ? 17 : 18,
    };
}

/// <summary>HBV parameters (units: mm, degC, 1/day, days).</summary>
public sealed record HbvParameters
{
    /// <summary>TT: below it precipitation is snow, above it snow melts (degC).</summary>
    public required double ThresholdTemperature { get; init; }
    /// <summary>CFMAX: melt per degree above TT (mm/degC/day).</summary>
    public required double DegreeDayFactor { get; init; }
    /// <summary>FC: soil moisture storage capacity (mm).</summary>
    public required double FieldCapacity { get; init; }
    /// <summary>BETA: shape of the recharge curve.</summary>
    public required double Beta { get; init; }
    /// <summary>LP: fraction of FC above which evaporation is potential.</summary>
    public required double EvaporationThreshold { get; init; }
    /// <summary>K0, K1, K2: recession of the fast, upper and lower response (1/day).</summary>
    public required double FastRecession { get; init; }
    public required double UpperRecession { get; init; }
    public required double LowerRecession { get; init; }
    /// <summary>PERC: percolation from the upper to the lower store (mm/day).</summary>
    public required double Percolation { get; init; }
    /// <summary>UZL: upper-store level above which the fast response starts (mm).</summary>
    public required double UpperThreshold { get; init; }
    /// <summary>MAXBAS: base of the triangular routing function (days).</summary>
    public required double RoutingDays { get; init; }
}
