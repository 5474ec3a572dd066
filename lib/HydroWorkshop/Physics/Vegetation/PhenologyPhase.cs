namespace HydroWorkshop.Physics.Vegetation;

/// <summary>Where a cell's canopy is in its yearly cycle in <see cref="VegetationModel"/>.</summary>
public enum PhenologyPhase
{
    /// <summary>Before green-up: degree days since the start of the phenological year are below the class threshold.</summary>
    Dormant = 0,

    /// <summary>Leaves grow toward the temperature-, light- and water-limited ceiling.</summary>
    Growing = 1,

    /// <summary>After the autumn (day length/temperature) or maturity trigger: LAI falls toward the class minimum.</summary>
    Senescing = 2,
}
