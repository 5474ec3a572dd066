namespace HydroWorkshop.Surrogates;

/// <summary>What a row of the evaluation table is: the surrogate under test, a baseline it has to beat, or the fine
/// solver (timed for the speed-up; scored for reference, never a baseline).</summary>
public enum FloodPredictorRole
{
    Surrogate,
    Baseline,
    Solver,
}

/// <summary>
/// Anything that predicts the depth maps of an event from what a surrogate may see of it (the first frames, the
/// terrain, the forcing): a trained map model, a baseline (<see cref="PersistenceBaseline"/>,
/// <see cref="ClimatologyBaseline"/>, <see cref="CoarseSolverBaseline"/>) or a solver. Scored alike by
/// <see cref="FloodEvaluation"/>, so that every row of a table means the same.
/// </summary>
public interface IFloodPredictor
{
    /// <summary>The row's name in tables and files (e.g. <c>persistence</c>).</summary>
    string Name { get; }

    FloodPredictorRole Role { get; }

    /// <summary>Depth (m) of event <paramref name="index"/> of <paramref name="data"/> at frames
    /// [<paramref name="firstFrame"/>, frames), row-major <c>[frames − firstFrame, y, x]</c>. Frames before
    /// <paramref name="firstFrame"/> are what the predictor may read of the event's depth; later ones it must not.</summary>
    float[] Predict(MapSequences data, int index, int firstFrame, CancellationToken cancellationToken);
}
