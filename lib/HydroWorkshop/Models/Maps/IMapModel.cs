using HydroWorkshop.FloodData;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Maps;

/// <summary>A model that predicts depth maps of an event from its first frames, static maps and forcing.</summary>
public interface IMapModel
{
    /// <summary>The channel counts and grid the model was built for.</summary>
    MapInputs Inputs { get; }

    /// <summary>
    /// Sees frames [0, <paramref name="warmupFrames"/>) of <c>batch.Depth</c> (observed) and predicts the rest:
    /// scaled depth [batch, time - warmup, y, x], non-negative and zero in solid cells. An autoregressive model feeds
    /// each prediction back as its next input; with <paramref name="teacherForcing"/> = p it feeds the observed frame
    /// instead with probability p per step (drawn from <paramref name="random"/>), which only matters in training.
    /// </summary>
    MapRollout Rollout(MapBatch batch, int warmupFrames, double teacherForcing = 0, Random? random = null);
}

/// <summary>A roll-out: scaled depth and the wet/dry logits behind its gate, each [batch, time - warmup, y, x].
/// The trainer scores the logits with a binary cross-entropy against the observed wet cells, so that the gate learns
/// where water is (the squared depth error of a thin film is too small to teach it). Owns its tensors.</summary>
public sealed record MapRollout(Tensor Depth, Tensor WetLogit) : IDisposable
{
    public void Dispose()
    {
        Depth.Dispose();
        WetLogit.Dispose();
    }
}
