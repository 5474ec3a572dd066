namespace HydroWorkshop.Data;

/// <summary>What a <see cref="BasinDataSet"/> holds: variables by name, a period, basins, and the window shape.</summary>
public sealed record BasinDataSetOptions
{
    /// <summary>Dynamic inputs by name (case-insensitive), e.g.
    /// <c>["prcp(mm/day)", "srad(W/m2)", "tmax(C)", "tmin(C)", "vp(Pa)"]</c>.</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>Static attributes by name; <c>"attr=category"</c> encodes one category of a categorical attribute as 0/1.</summary>
    public IReadOnlyList<string> Statics { get; init; } = [];

    /// <summary>Targets by name; null means observed discharge. Several targets make a multi-task data set (e.g. discharge and
    /// "swe(mm)").</summary>
    public IReadOnlyList<string>? Targets { get; init; }

    /// <summary>The period whose days are targets; inputs may reach <see cref="SequenceLength"/> - 1 days before it (warm-up).</summary>
    public required Period Period { get; init; }

    /// <summary>Basin ids; null means every basin of the source.</summary>
    public IReadOnlyList<string>? Basins { get; init; }

    /// <summary>Days in one input window (neuralhydrology's seq_length).</summary>
    public int SequenceLength { get; init; } = 365;

    /// <summary>How many of a window's last days are targets (predict_last_n).</summary>
    public int PredictLastN { get; init; } = 1;

    /// <summary>Append the static attributes to every time step of the inputs (as neuralhydrology does), so
    /// inputs are <c>[batch, time, inputs + statics]</c>; otherwise statics come as their own tensor.</summary>
    public bool ConcatenateStatics { get; init; } = true;

    /// <summary>False for prediction on forcings without observations: every window with complete inputs is kept,
    /// and a target the source lacks reads as missing (NaN) instead of being an error.</summary>
    public bool RequireTargets { get; init; } = true;
}
