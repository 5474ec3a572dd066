namespace HydroWorkshop.Physics.Vegetation;

/// <summary>The state one cell carries from day to day in <see cref="VegetationModel"/>. Every field is memory the
/// ConvLSTM has to infer from past forcing: soil water (weeks), stress memory (weeks), degree days (months), canopy
/// capacity after a disturbance (years).</summary>
internal struct VegetationCellState
{
    /// <summary>Leaf area index (m²/m²).</summary>
    public double Lai;

    /// <summary>Root-zone water (mm), 0 to the class capacity.</summary>
    public double SoilWater;

    /// <summary>Running mean of the water-stress factor Ks (1 = unstressed), the plant's slow response to the bucket.</summary>
    public double StressMemory;

    /// <summary>Fraction (0-1) of the class's maximum (and minimum) LAI the stand can carry; lowered by disturbances.</summary>
    public double Canopy;

    /// <summary>Growing degree days (°C·day) since the start of the phenological year.</summary>
    public double DegreeDays;

    /// <summary>Degree days at green-up, so the crop's maturity counts from there.</summary>
    public double DegreeDaysAtGreenUp;

    /// <summary>Ten-day running mean temperature (°C), the autumn senescence trigger.</summary>
    public double MeanTemperature10;

    /// <summary>Phase of the yearly cycle.</summary>
    public PhenologyPhase Phase;

    /// <summary>The state at the start of a run: dormant, at the class minimum, soil at capacity, no stress or damage.</summary>
    public static VegetationCellState Initial(LandCoverParameters parameters, double temperature) => new()
    {
        Lai = parameters.MinimumLai,
        SoilWater = parameters.SoilWaterCapacity,
        StressMemory = 1,
        Canopy = 1,
        MeanTemperature10 = temperature,
        Phase = PhenologyPhase.Dormant,
    };
}
