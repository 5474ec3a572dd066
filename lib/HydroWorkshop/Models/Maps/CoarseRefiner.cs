using HydroWorkshop.FloodData;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Maps;

/// <summary>
/// A multi-fidelity flood surrogate that refines a coarse-grid simulation frame by frame: a coarse solver (F times
/// coarser, brought back to the fine grid at one water level per block) gets the timing and volume of the flood right at
/// a fraction of the cost, and this network corrects each of its frames on the fine grid, where the coarse run cannot
/// see the terrain: depth(t) = coarse(t) + change. The change is computed by a small U-Net from the coarse depth at
/// t − 1, t and t + 1 (when the coarse front is early or late by a frame), the coarse water surface and its slopes, the
/// terrain (bed, slopes, obstacles, breach cell).
/// <para>
/// Unlike <see cref="FloodStepper"/> nothing is fed back: every frame is computed from the coarse run alone, so errors
/// do not compound over the 96 steps of a 48 h event, and all frames of an event go through the network as one batch
/// (no recurrence to wait for). The price is that the surrogate is only as fast as the coarse run plus one network pass
/// per frame.
/// </para>
/// <para>
/// A new (untrained) refiner returns the coarse run (but for films under 1 mm), so training starts from that baseline.
/// </para>
/// <para>
/// Physics it keeps by construction: depth ≥ 0, solid cells dry, each frame's volume equal to the coarse run's (which
/// holds the inflow volume: the map is rescaled to it, by at most 4x up, and what that cannot restore is added as the
/// coarse map's share), and water at most <see cref="ReachCells"/> cells from where the coarse run has water in frames
/// t − 1 to t + 1.
/// </para>
/// Inputs (<see cref="MapBatch"/>): statics [b, S, y, x] with the scaled bed first; the last extra map [b, time, E, y, x]
/// is the coarse depth (<c>Surrogates.BreachCoarseMaps</c>, data: coarse_solver F). The observed depth is not read.
/// </summary>
public sealed class CoarseRefiner : nn.Module, IMapModel, IUsesMapScales
{
    /// <param name="inputs">Channels and grid of the batches (rows and columns divisible by 4, at least one extra map).</param>
    /// <param name="width">Channels at half resolution (twice that at a quarter; 8 at full resolution).</param>
    /// <param name="reachCells">How far (cells) water may lie from the coarse run's wet cells.</param>
    public CoarseRefiner(MapInputs inputs, int width = 16, int reachCells = DefaultReachCells) : base(nameof(CoarseRefiner))
    {
        if (inputs.Rows % 4 != 0 || inputs.Columns % 4 != 0)
            throw new ArgumentException($"CoarseRefiner needs a grid divisible by 4, got {inputs.Rows} x {inputs.Columns}", nameof(inputs));
        if (inputs.Extra < 1)
            throw new ArgumentException(
                "CoarseRefiner refines a coarse simulation: it needs its depth as an extra map (data: coarse_solver F)", nameof(inputs));
        if (reachCells < 1)
            throw new ArgumentOutOfRangeException(nameof(reachCells), reachCells, "the reach must be at least 1 cell");
        Inputs = inputs;
        ReachCells = reachCells;
        // coarse depth at t - 1, t, t + 1, its wet indicator, statics, bed slopes x and y, coarse surface and its slopes x and y
        var channels = 3 + 1 + inputs.Statics + 2 + 3;
        unet = new SmallUNet(channels, width);
        head = nn.Conv2d(SmallUNet.OutputChannels, 2, 1);
        StartAsTheCoarseRun(head);
        // Coarse depth (scaled as an extra map) to scaled depth, scaled depth to scaled bed units, and 1 mm in scaled
        // depth; set by UseScales and kept in the checkpoint, so that a loaded model needs no scales file to run.
        coarseToDepth = zeros(1);
        depthToBed = zeros(1);
        wetDepth = zeros(1);
        // In the checkpoint too: a refiner saved before the gate started from the coarse wet map lacks it, and the loader
        // names it as missing instead of loading weights that would now mean another gate.
        coarseGate = full(1, CoarseGateLogit);
        RegisterComponents();
    }

    /// <summary>The wet/dry logit a new refiner gives: +this where the coarse frame is wet, − where it is dry; the head adds
    /// its correction to it.</summary>
    public const double CoarseGateLogit = 3.0;

    /// <summary>A new refiner returns the coarse run itself: a zero head gives no change, and the gate is the coarse
    /// frame's own wet/dry map at 1 mm (sigmoid(±<see cref="CoarseGateLogit"/>)), whose 0.95 over the wet cells the volume
    /// rescaling undoes exactly. Only coarse films under 1 mm differ: their gate starts nearly closed and the rescaling
    /// moves their water onto the wet cells. Training starts from the baseline it must beat, with a wet/dry loss far
    /// smaller than with one gate for all cells (the cells with 1 mm to 5 cm of coarse water still start wrong). Two
    /// starts that failed: the small random head of <see cref="DepthOutput.Initialise"/> spreads a few centimetres of
    /// change over every cell within reach (CSI 0.56 on D-HYDRO after the first epoch, against the coarse run's 0.88);
    /// a zero head with one open gate everywhere paid a large wet/dry loss on every dry cell, closed the gate everywhere,
    /// and stayed on the volume fallback, the coarse run, with no gradient left to leave it.</summary>
    private static void StartAsTheCoarseRun(Conv2d head)
    {
        using var noGrad = no_grad();
        head.weight.zero_();
        head.bias!.zero_();
    }

    /// <summary>The default <see cref="ReachCells"/>: two blocks of a coarse grid 4 times coarser, so a front the coarse
    /// run has a block short can still be reached.</summary>
    public const int DefaultReachCells = 8;

    public MapInputs Inputs { get; }
    public int ReachCells { get; }

    private readonly SmallUNet unet;
    private readonly Conv2d head;
    private readonly Tensor coarseToDepth, depthToBed, wetDepth, coarseGate;

    public void UseScales(MapScales scales)
    {
        using var noGrad = no_grad();
        coarseToDepth.fill_(scales.Extra[Inputs.Extra - 1] / scales.Depth);
        depthToBed.fill_(scales.Depth / scales.BedScale);
        wetDepth.fill_(0.001 / scales.Depth);
    }

    /// <summary>The factor <see cref="UseScales"/> set (0 before): scaled coarse depth to scaled depth.</summary>
    public double CoarseToDepthFactor => coarseToDepth.item<float>();

    /// <summary>Predicts frames [<paramref name="warmupFrames"/>, time) from the coarse run; teacher forcing does not
    /// apply (nothing is fed back).</summary>
    public MapRollout Rollout(MapBatch batch, int warmupFrames, double teacherForcing = 0, Random? random = null)
    {
        var frames = (int)batch.Frames;
        if (warmupFrames < 1 || warmupFrames >= frames)
            throw new ArgumentOutOfRangeException(nameof(warmupFrames), $"warm-up must be 1..{frames - 1} frames (got {warmupFrames})");
        if (batch.Extra is null || batch.Extra.size(2) != Inputs.Extra)
            throw new ArgumentException(
                $"CoarseRefiner was built for {Inputs.Extra} extra map(s) per frame, the last the coarse depth; the batch has " +
                $"{(batch.Extra is null ? 0 : batch.Extra.size(2))}", nameof(batch));
        using var scope = NewDisposeScope();
        var (b, n) = (batch.Size, (long)(frames - warmupFrames));
        var (rows, columns) = (batch.Rows, batch.Columns);
        var coarse = batch.Extra.select(2, Inputs.Extra - 1) * coarseToDepth;                // [b, time, y, x] scaled depth
        // Frames t - 1, t, t + 1 for t = warmup .. time - 1; the last frame is its own successor.
        var current = coarse.narrow(1, warmupFrames, n);                                      // [b, n, y, x]
        var previous = coarse.narrow(1, warmupFrames - 1, n);
        var next = cat([coarse.narrow(1, warmupFrames + 1, n - 1), coarse.narrow(1, frames - 1, 1)], 1);
        Tensor Frames(Tensor x) => x.reshape(b * n, 1, rows, columns);                      // [b n, 1, y, x]
        var (before, now, after) = (Frames(previous), Frames(current), Frames(next));
        var statics = batch.Statics;                                                          // [b, S, y, x]
        var bed = statics.narrow(1, 0, 1);
        var (slopeX, slopeY) = MapSlopes.Central(bed);
        var fixedMaps = cat([statics, slopeX, slopeY], 1);                                    // [b, S + 2, y, x]
        var perFrame = fixedMaps.unsqueeze(1).expand(b, n, -1, rows, columns).reshape(b * n, -1, rows, columns);
        var surface = perFrame.narrow(1, 0, 1) + now * depthToBed;                           // [b n, 1, y, x] bed units
        var (surfaceX, surfaceY) = MapSlopes.Central(surface);
        var wetNow = (now > wetDepth).to(now.dtype);                                          // the coarse frame's wet map
        var features = unet.forward(cat([before, now, after, wetNow, perFrame, surface, surfaceX, surfaceY], 1));
        var output = head.forward(features);                                                  // [b n, 2, y, x]
        var logit = output.narrow(1, 1, 1) + (2 * wetNow - 1) * coarseGate;                 // [b n, 1, y, x]
        var raw = now + output.narrow(1, 0, 1);
        var open = batch.Open.unsqueeze(1).expand(b, n, 1, rows, columns).reshape(b * n, 1, rows, columns);
        // The gate is soft in evaluation too, as in FloodStepper: a hard step would delete water the volume rule needs.
        var depth = (training ? raw.leaky_relu(0.01) : raw.relu()) * logit.sigmoid() * open;
        var wetSomewhen = (torch.max(torch.max(before, now), after) > wetDepth).to(now.dtype);
        depth = depth * nn.functional.max_pool2d(wetSomewhen, 2 * ReachCells + 1, stride: 1, padding: ReachCells);
        var coarseOpen = now.clamp_min(0) * open;
        var target = coarseOpen.sum([2, 3], keepdim: true);                                   // [b n, 1, 1, 1]
        var total = depth.clamp_min(0).sum([2, 3], keepdim: true);
        var scale = (target / total.clamp_min(1e-6)).clamp_max(4.0);
        // Where even 4x cannot restore the frame's volume (the gate closed over most of the coarse flood), the rest is
        // poured back as the coarse map's share of it: the frame falls back towards the coarse run instead of losing
        // water (a frame scaled up without bound would pile it onto the few cells left).
        var missing = (target - total * scale).clamp_min(0);
        depth = depth * scale + coarseOpen * (missing / target.clamp_min(1e-6));
        return new MapRollout(depth.reshape(b, n, rows, columns).MoveToOuterDisposeScope(),
            logit.reshape(b, n, rows, columns).MoveToOuterDisposeScope());
    }
}
