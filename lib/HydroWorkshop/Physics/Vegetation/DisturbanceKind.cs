namespace HydroWorkshop.Physics.Vegetation;

/// <summary>What removed the leaves in a <see cref="Disturbance"/>; decides which classes suffer and how much.</summary>
public enum DisturbanceKind
{
    /// <summary>Winter windstorm (the Lothar/Kyrill kind): throws forests, lodges little else. October-March.</summary>
    Storm = 1,

    /// <summary>Wildfire: burns any vegetation, but only cells that are dry on the day (water stress memory low). June-September.</summary>
    Fire = 2,

    /// <summary>Clear-cut harvest of a forest stand; other classes are left alone. Any time of year.</summary>
    ClearCut = 3,
}
