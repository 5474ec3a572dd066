namespace HydroWorkshop.Physics;

/// <summary>
/// A level-pool (zero-dimensional reservoir) estimate of a flume event's mean water depth over time: the process-based
/// input of the "physics-encoded" surrogates. The flume is one store of open area A whose mean depth h rises with the
/// inflow and falls with Manning normal flow out of its East end,
/// <code>A dh/dt = Q_in(t) - W h^(5/3) sqrt(S) / n</code>
/// (W the flume's width, S the bed slope, n Manning's roughness), integrated with explicit Euler steps of 0.02 s.
/// In steady state it gives normal depth, h = (n Q / (W sqrt S))^(3/5); in between, the filling and the recession that a
/// steep or smooth flume drains faster. It knows nothing of where the water is, only how much there is: on the default
/// flume data set it follows the observed mean depth of every event with a correlation of 0.97–1.00 and 1–5 mm
/// RMSE, which is the large-scale level that a surrogate trained on 16 events gets most wrong.
/// </summary>
public static class FlumeStorageEstimate
{
    /// <summary>Bed slopes below this (m/m) drain as if at this slope: a flat flume still empties, driven by its water
    /// surface, and S = 0 would keep every drop.</summary>
    public const double MinimumSlope = 1e-4;

    /// <summary>Euler step (s); the store's time scale A h / Q is tens of seconds.</summary>
    public const double TimeStep = 0.02;

    /// <summary>Mean depth (m) over the open cells at each frame.</summary>
    /// <param name="flume">The flume's size (its width is the outflow width).</param>
    /// <param name="parameters">The event: inflow hydrograph, bed slope, Manning n.</param>
    /// <param name="openArea">Area (m²) not covered by obstacles; its water is what the mean is over.</param>
    /// <param name="initialMeanDepth">Mean depth (m) at frame 0: the first observed frame's mean over the open cells.</param>
    /// <param name="frames">Frames to return: times 0, 1, ..., frames − 1 times <paramref name="frameInterval"/>.</param>
    /// <param name="frameInterval">Time between frames (s).</param>
    public static double[] MeanDepth(LaboratoryFlume flume, FlumeEventParameters parameters, double openArea, double initialMeanDepth,
        int frames, double frameInterval)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return MeanDepth(flume, parameters.Inflow, parameters.BedSlope, parameters.Manning, openArea, initialMeanDepth, frames,
            frameInterval);
    }

    /// <summary>The same for any inflow hydrograph, bed slope <paramref name="bedSlope"/> (m/m) and Manning
    /// <paramref name="manning"/> (s/m^(1/3)).</summary>
    public static double[] MeanDepth(LaboratoryFlume flume, Hydrograph inflow, double bedSlope, double manning, double openArea,
        double initialMeanDepth,
        int frames, double frameInterval)
    {
        ArgumentNullException.ThrowIfNull(flume);
        ArgumentNullException.ThrowIfNull(inflow);
        if (!(openArea > 0)) throw new ArgumentOutOfRangeException(nameof(openArea), openArea, "the open area must be positive (m²)");
        if (!(initialMeanDepth >= 0) || double.IsInfinity(initialMeanDepth))
            throw new ArgumentOutOfRangeException(nameof(initialMeanDepth), initialMeanDepth,
                "the initial mean depth must be finite and >= 0 (m)");
        if (frames < 1) throw new ArgumentOutOfRangeException(nameof(frames), frames, "at least one frame");
        if (!(frameInterval > 0)) throw new ArgumentOutOfRangeException(nameof(frameInterval), frameInterval,
            "the frame interval must be positive (s)");
        if (!(manning > 0)) throw new ArgumentOutOfRangeException(nameof(manning), manning, "Manning n must be positive (s/m^(1/3))");
        if (!double.IsFinite(bedSlope)) throw new ArgumentOutOfRangeException(nameof(bedSlope), bedSlope,
            "the bed slope must be finite (m/m)");

        var conveyance = flume.Width * Math.Sqrt(Math.Max(bedSlope, MinimumSlope)) / manning;            // m3/s per m^(5/3)
        var depth = initialMeanDepth;
        var time = 0.0;
        var result = new double[frames];
        for (var frame = 0; frame < frames; frame++)
        {
            var target = frame * frameInterval;
            while (time < target - 1e-9)
            {
                var step = Math.Min(TimeStep, target - time);
                var outflow = conveyance * Math.Pow(depth, 5.0 / 3.0);                              // m3/s
                depth = Math.Max(0, depth + step * (inflow.At(time) - outflow) / openArea);
                time += step;
            }
            result[frame] = depth;
        }
        return result;
    }
}
