namespace HydroWorkshop.Physics.Vegetation;

/// <summary>Parameters of one <see cref="LandCover"/> class for <see cref="VegetationModel"/>. The magnitudes are
/// order-of-magnitude literature values, not a calibration: LAI ranges from field reviews (Breuer et al. 2003, Ecol.
/// Model. 169; Asner et al. 2003, Glob. Ecol. Biogeogr. 12) and MODIS LAI climatologies of Central Europe; base/optimum
/// temperatures and degree-day thresholds of the kind used by LPJ, CLM and crop models (e.g. base 5 °C for temperate
/// trees and cereals, ~200 °C·d for beech budburst); plant-available water from rooting depth × ~150 mm per metre of
/// loam (CLM/LPJ two-layer buckets); recovery times from forest-regrowth studies (years) versus re-sowing (months).</summary>
public sealed record LandCoverParameters
{
    /// <summary>The class these parameters describe.</summary>
    public required LandCover Class { get; init; }

    /// <summary>Leaf area index (m²/m²) of a full, unstressed canopy in midsummer.</summary>
    public required double MaximumLai { get; init; }

    /// <summary>Leaf area index (m²/m²) left in the dormant season: stubble, winter-green grass, stems, retained needles.</summary>
    public required double MinimumLai { get; init; }

    /// <summary>Temperature (°C) below which leaves do not grow; also the base of the growing degree days.</summary>
    public required double BaseTemperature { get; init; }

    /// <summary>Temperature (°C) of fastest growth.</summary>
    public required double OptimumTemperature { get; init; }

    /// <summary>Temperature (°C) above which growth stops (heat stress).</summary>
    public required double MaximumTemperature { get; init; }

    /// <summary>Growing degree days (°C·day above <see cref="BaseTemperature"/>, counted from 1 January, or 1 July in the
    /// southern hemisphere) at which the canopy greens up.</summary>
    public required double GreenUpDegreeDays { get; init; }

    /// <summary>Degree days after green-up at which the crop matures and is harvested; 0 for classes without a harvest.</summary>
    public double MaturityDegreeDays { get; init; }

    /// <summary>Day length (h) under which the canopy senesces once days shorten in autumn; 0 turns the trigger off.</summary>
    public double SenescenceDayLength { get; init; }

    /// <summary>Ten-day mean temperature (°C) under which the canopy senesces once days shorten in autumn.</summary>
    public required double SenescenceTemperature { get; init; }

    /// <summary>Largest relative leaf growth rate (1/day) under optimal temperature, light and water.</summary>
    public required double GrowthRate { get; init; }

    /// <summary>Rate (1/day) at which LAI falls toward <see cref="MinimumLai"/> in senescence (leaf fall, harvest).</summary>
    public required double SenescenceRate { get; init; }

    /// <summary>Plant-available water capacity of the root zone (mm): the bucket's size.</summary>
    public required double SoilWaterCapacity { get; init; }

    /// <summary>Fraction of <see cref="MaximumLai"/> a canopy keeps under complete, long water stress: the rest is shed.</summary>
    public required double DroughtLaiFraction { get; init; }

    /// <summary>Time scale (days) on which the canopy's capacity recovers after a disturbance.</summary>
    public required double RecoveryDays { get; init; }

    /// <summary>True for classes that keep their foliage through winter (phenology then only moves LAI between a high
    /// minimum and the maximum).</summary>
    public bool Evergreen { get; init; }

    /// <summary>The parameters of <paramref name="landCover"/>.</summary>
    public static LandCoverParameters For(LandCover landCover) => landCover switch
    {
        LandCover.Cropland => Cropland,
        LandCover.Grassland => Grassland,
        LandCover.DeciduousForest => DeciduousForest,
        LandCover.EvergreenForest => EvergreenForest,
        LandCover.AlpineSparse => AlpineSparse,
        _ => throw new ArgumentOutOfRangeException(nameof(landCover), landCover, "not a land-cover class"),
    };

    /// <summary>Winter cereal-type cropland: MODIS crop LAI peaks at 3-6 in May-June; harvest in July-August leaves
    /// stubble (~0.3). Maturity ≈ 1,000 °C·day (base 5) after green-up is the order of winter wheat.</summary>
    public static LandCoverParameters Cropland { get; } = new()
    {
        Class = LandCover.Cropland, MaximumLai = 5.0, MinimumLai = 0.3,
        BaseTemperature = 5, OptimumTemperature = 20, MaximumTemperature = 35,
        GreenUpDegreeDays = 80, MaturityDegreeDays = 1000, SenescenceTemperature = 5,
        GrowthRate = 0.12, SenescenceRate = 0.12, SoilWaterCapacity = 150, DroughtLaiFraction = 0.35, RecoveryDays = 60,
    };

    /// <summary>Managed grassland: LAI 1 in winter to 3-4 in summer; roots ~0.6 m (≈ 100 mm); browns fast in droughts.</summary>
    public static LandCoverParameters Grassland { get; } = new()
    {
        Class = LandCover.Grassland, MaximumLai = 3.5, MinimumLai = 1.0,
        BaseTemperature = 3, OptimumTemperature = 18, MaximumTemperature = 32,
        GreenUpDegreeDays = 80, SenescenceDayLength = 10, SenescenceTemperature = 5,
        GrowthRate = 0.10, SenescenceRate = 0.03, SoilWaterCapacity = 100, DroughtLaiFraction = 0.25, RecoveryDays = 120,
    };

    /// <summary>Beech/oak forest: LAI 5-6 in summer (Breuer et al.: temperate deciduous ≈ 5), stems and branches ≈ 0.6
    /// in winter; leaf-out takes 3-5 weeks; budburst ≈ 150 °C·day (base 5); leaf fall as days shorten below ~11 h; roots 1.3 m (≈ 200
    /// mm).</summary>
    public static LandCoverParameters DeciduousForest { get; } = new()
    {
        Class = LandCover.DeciduousForest, MaximumLai = 5.5, MinimumLai = 0.6,
        BaseTemperature = 5, OptimumTemperature = 20, MaximumTemperature = 35,
        GreenUpDegreeDays = 150, SenescenceDayLength = 11, SenescenceTemperature = 9,
        GrowthRate = 0.20, SenescenceRate = 0.06, SoilWaterCapacity = 200, DroughtLaiFraction = 0.45, RecoveryDays = 4 * 365,
    };

    /// <summary>Spruce/fir forest: needles live 5-7 years, so LAI only dips from ~5 to ~3.5 in winter; growth is slow and
    /// starts at lower temperatures (base 0 °C); recovery after windthrow takes the better part of a decade.</summary>
    public static LandCoverParameters EvergreenForest { get; } = new()
    {
        Class = LandCover.EvergreenForest, MaximumLai = 5.0, MinimumLai = 3.5,
        BaseTemperature = 0, OptimumTemperature = 15, MaximumTemperature = 30,
        GreenUpDegreeDays = 150, SenescenceDayLength = 9.5, SenescenceTemperature = 3,
        GrowthRate = 0.05, SenescenceRate = 0.01, SoilWaterCapacity = 180, DroughtLaiFraction = 0.55, RecoveryDays = 6 * 365,
        Evergreen = true,
    };

    /// <summary>Alpine meadow and rock: LAI ≤ 1.5, short season (cold optimum ≈ 12 °C), thin soils (≈ 60 mm).</summary>
    public static LandCoverParameters AlpineSparse { get; } = new()
    {
        Class = LandCover.AlpineSparse, MaximumLai = 1.5, MinimumLai = 0.1,
        BaseTemperature = 2, OptimumTemperature = 12, MaximumTemperature = 25,
        GreenUpDegreeDays = 100, SenescenceDayLength = 11.5, SenescenceTemperature = 4,
        GrowthRate = 0.10, SenescenceRate = 0.05, SoilWaterCapacity = 60, DroughtLaiFraction = 0.3, RecoveryDays = 5 * 365,
    };
}
