namespace HydroWorkshop.Physics.Vegetation;

/// <summary>A single-layer root-zone bucket (Manabe 1969; the water-stress scheme of FAO-56 chapter 8): rain fills it,
/// water above capacity drains away, evapotranspiration empties it, slowed once the store falls below the readily
/// available fraction. WHY a bucket: it is the simplest store with memory, so a dry spell keeps stressing plants after
/// the rain is back until the soil refills, which is the lag the ConvLSTM has to learn.</summary>
public static class SoilWaterBucket
{
    /// <summary>Fraction p of the capacity plants can extract without stress (FAO-56 Table 22: 0.4-0.6 for most crops).</summary>
    public const double DepletionFraction = 0.5;

    /// <summary>Crop coefficient of bare soil: evaporation from a surface without leaves, relative to ET0.</summary>
    public const double BareSoilCoefficient = 0.3;

    /// <summary>Crop coefficient of a closed canopy (FAO-56 mid-season values ≈ 1.0-1.15).</summary>
    public const double ClosedCanopyCoefficient = 1.05;

    /// <summary>Light extinction coefficient k of the canopy (Beer's law, 0.4-0.6 for most canopies).</summary>
    public const double Extinction = 0.5;

    /// <summary>Water-stress factor Ks (0-1, FAO-56 eq. 84) of a store <paramref name="storage"/> (mm) in a bucket of
    /// <paramref name="capacity"/> (mm): 1 while the plants use readily available water, falling linearly to 0 when empty.</summary>
    public static double StressFactor(double storage, double capacity) =>
        Math.Clamp(storage / (DepletionFraction * capacity), 0, 1);

    /// <summary>Crop coefficient at leaf area index <paramref name="lai"/>: bare-soil evaporation plus transpiration in
    /// proportion to the light the canopy intercepts.</summary>
    public static double CropCoefficient(double lai) =>
        BareSoilCoefficient + (ClosedCanopyCoefficient - BareSoilCoefficient) * (1 - Math.Exp(-Extinction * Math.Max(0, lai)));

    /// <summary>Advances <paramref name="storage"/> (mm) by one day: rain (mm) in first, overflow above
    /// <paramref name="capacity"/> (mm) drains, then evapotranspiration = ET0 × crop coefficient(LAI) × Ks, never more than
    /// what is left. The order makes the balance close exactly (rain − ET − drainage = Δstorage, to round-off).</summary>
    public static SoilWaterFluxes Step(ref double storage, double capacity, double rain, double referenceEvapotranspiration, double lai)
    {
        if (capacity <= 0) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "bucket capacity must be positive (mm)");
        if (rain < 0) throw new ArgumentOutOfRangeException(nameof(rain), rain, "rain cannot be negative (mm/day)");
        double start = storage;
        double filled = storage + rain;
        double drainage = Math.Max(0, filled - capacity);
        filled -= drainage;
        double demand = Math.Max(0, referenceEvapotranspiration) * CropCoefficient(lai) * StressFactor(filled, capacity);
        double evapotranspiration = Math.Min(demand, filled);
        storage = filled - evapotranspiration;
        return new SoilWaterFluxes(rain, evapotranspiration, drainage, storage - start);
    }
}
