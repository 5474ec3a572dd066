namespace HydroWorkshop.Physics.Vegetation;

/// <summary>Vegetation class of a grid cell; each has one row in <see cref="LandCoverParameters"/>. The numeric codes are
/// what a data file stores (<see cref="VegetationSimulationResult.ToVariables"/>), so they must not be renumbered.</summary>
public enum LandCover
{
    /// <summary>Arable land (winter cereals, maize, beet): fast spring growth, harvest in summer, bare-ish in winter.</summary>
    Cropland = 1,

    /// <summary>Managed grassland and pasture: green all year at low LAI, shallow roots, quick to brown in a drought.</summary>
    Grassland = 2,

    /// <summary>Deciduous broadleaf forest (beech, oak): leaf-out in spring, leaf fall in autumn, deep roots.</summary>
    DeciduousForest = 3,

    /// <summary>Evergreen needleleaf forest (spruce, fir, pine): keeps most of its needles through winter.</summary>
    EvergreenForest = 4,

    /// <summary>Alpine meadow, rock and sparse vegetation above the tree line: short season, low LAI.</summary>
    AlpineSparse = 5,
}
