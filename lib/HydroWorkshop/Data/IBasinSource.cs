namespace HydroWorkshop.Data;

/// <summary>A collection of basins on disk (CAMELS-US, Caravan, plain CSV): what a <see cref="BasinDataSet"/> is built from.</summary>
public interface IBasinSource
{
    /// <summary>A short description for messages ("CAMELS-US at /data/camels (daymet)").</summary>
    string Description { get; }

    /// <summary>The basins that have time series here.</summary>
    IReadOnlyList<string> BasinIds { get; }

    /// <summary>The dynamic variable names (inputs and targets), discharge included.</summary>
    IReadOnlyList<string> VariableNames { get; }

    /// <summary>The name of observed discharge in mm/day ("QObs(mm/d)" for CAMELS-US, "streamflow" for Caravan).</summary>
    string DischargeName { get; }

    /// <summary>Static attributes joined by gauge id.</summary>
    AttributeTable Attributes { get; }

    /// <summary>Reads one basin's record; errors name the files looked for.</summary>
    BasinRecord ReadBasin(string basinId);
}
