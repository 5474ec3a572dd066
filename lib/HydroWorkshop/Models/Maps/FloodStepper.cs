using HydroWorkshop.FloodData;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Maps;

/// <summary>
/// A local, fully convolutional flood surrogate that steps the depth map forward one output interval at a time, in the
/// spirit of a finite-volume update: depth(t + 1) = depth(t) + change, where the change is computed by a small U-Net
/// from what a solver would use in that neighbourhood — the current depth, the terrain (bed elevation and its slopes),
/// the water surface (bed + depth) and its slopes, which drive the flow,
/// the open cells, and the boundary inflow placed at the breach cell. Nothing in it is global: there is no bottleneck
/// vector that could tie a flood to the place of the training floods, so a breach at a new place, or new terrain, is
/// the same computation shifted (Bentivoglio et al. 2023 make the same point for their SWE-GNN).
/// <para>
/// The U-Net (two average-pool levels, so a step sees about 30 cells around each cell) is needed because a breach of
/// 50 m3/s pours 9 m of water into one 100 m cell every 30 min: the water has to spread over several cells within one
/// step. Volume is kept by construction: each step first pours the step's inflow volume (the mean of the inflow at both
/// frame ends times the interval, which the model knows exactly) into the breach cell, the network moves water between
/// cells, and the map is rescaled to the volume it started from (scaled up by at most 4); without it, small
/// per-step volume errors compound over the 96 steps of a 48 h event.
/// </para>
/// Inputs (<see cref="MapBatch"/>): statics [b, S, y, x] with the scaled bed first, then the obstacle map, then the
/// breach map (1 at the cell where the inflow enters) at <see cref="BreachStatic"/>; forcing [b, time, F] with the
/// scaled inflow discharge at <see cref="InflowForcing"/>.
/// </summary>
public sealed class FloodStepper : nn.Module, IMapModel, IUsesMapScales
{
    /// <param name="inputs">Channels and grid of the batches (rows and columns divisible by 4).</param>
    /// <param name="breachStatic">Index of the breach map among the static maps.</param>
    /// <param name="inflowForcing">Index of the inflow discharge (m3/s before scaling) among the forcings.</param>
    /// <param name="frameSeconds">Time between frames (s).</param>
    /// <param name="cellArea">Area of one cell (m2).</param>
    /// <param name="width">Channels at half resolution (twice that at a quarter; 8 at full resolution).</param>
    /// <param name="reachCells">How far (cells, in x and y) water can get from the wet cells in one step; beyond that a
    /// step leaves cells dry.</param>
    public FloodStepper(MapInputs inputs, int breachStatic, int inflowForcing, double frameSeconds, double cellArea, int width = 16,
        int reachCells = DefaultReachCells) : base(nameof(FloodStepper))
    {
        if (reachCells < 1) throw new ArgumentOutOfRangeException(nameof(reachCells), reachCells,
            "water must be able to reach at least the neighbouring cells");
        ReachCells = reachCells;
        if (inputs.Rows % 4 != 0 || inputs.Columns % 4 != 0)
            throw new ArgumentException($"FloodStepper needs a grid divisible by 4, got {inputs.Rows} x {inputs.Columns}", nameof(inputs));
        if (breachStatic < 0 || breachStatic >= inputs.Statics)
            throw new ArgumentOutOfRangeException(nameof(breachStatic),
                $"the breach map is static {breachStatic}, but there are {inputs.Statics} static maps");
        if (inflowForcing < 0 || inflowForcing >= inputs.Forcings)
            throw new ArgumentOutOfRangeException(nameof(inflowForcing),
                $"the inflow is forcing {inflowForcing}, but there are {inputs.Forcings} forcings");
        if (!(frameSeconds > 0) || !(cellArea > 0))
            throw new ArgumentOutOfRangeException(nameof(frameSeconds),
                $"frame interval {frameSeconds} s and cell area {cellArea} m2 must be positive");
        Inputs = inputs;
        BreachStatic = breachStatic;
        InflowForcing = inflowForcing;
        FrameSeconds = frameSeconds;
        CellArea = cellArea;
        // depth, wet indicator, statics, bed slopes x and y, inflow source, water surface and its slopes x and y, extra maps
        var channels = 2 + inputs.Statics + 2 + 1 + 3 + inputs.Extra;
        unet = new SmallUNet(channels, width);
        head = nn.Conv2d(SmallUNet.OutputChannels, 2, 1);
        DepthOutput.Initialise(head);
        // Scaled depth added to the map per unit of scaled inflow per frame; set from the scales (UseScales), kept in
        // the checkpoint so a loaded model conserves volume without them.
        inflowDepth = zeros(1);
        // Scaled depth to scaled bed units (depth scale / bed scale), for the water surface: water flows down its slope.
        depthToBed = zeros(1);
        // 1 mm in scaled depth: what counts as wet for the reach of the next step.
        wetDepth = zeros(1);
        RegisterComponents();
    }

    /// <summary>The default <see cref="ReachCells"/>: in the D-HYDRO simulations the flooded area (depth above 1 mm)
    /// grows by at most 7-11 cells in the first 30 min and 1-6 cells in each later step (ids 1, 2, 30, 60, 500, 505).</summary>
    public const int DefaultReachCells = 12;

    public MapInputs Inputs { get; }
    public int ReachCells { get; }
    public int BreachStatic { get; }
    public int InflowForcing { get; }
    public double FrameSeconds { get; }
    public double CellArea { get; }

    private readonly SmallUNet unet;
    private readonly Conv2d head;
    private readonly Tensor inflowDepth;
    private readonly Tensor depthToBed;
    private readonly Tensor wetDepth;

    /// <summary>Sets the inflow-to-depth factor: one scaled unit of inflow over one frame adds
    /// forcing scale x frame seconds / (cell area x depth scale) scaled depth (summed over cells).</summary>
    public void UseScales(MapScales scales)
    {
        using var noGrad = no_grad();
        inflowDepth.fill_(scales.InflowDepthPerFrame(InflowForcing, FrameSeconds, CellArea));
        depthToBed.fill_(scales.DepthToBed);
        wetDepth.fill_(scales.ScaledDepth(0.001));
    }

    /// <summary>The factor <see cref="UseScales"/> set (0 before).</summary>
    public double InflowDepthFactor => inflowDepth.item<float>();

    public MapRollout Rollout(MapBatch batch, int warmupFrames, double teacherForcing = 0, Random? random = null)
    {
        var frames = (int)batch.Frames;
        if (warmupFrames < 1 || warmupFrames >= frames)
            throw new ArgumentOutOfRangeException(nameof(warmupFrames), $"warm-up must be 1..{frames - 1} frames (got {warmupFrames})");
        if (batch.ObservedFrames < (teacherForcing > 0 ? frames : warmupFrames))
            throw new ArgumentException(
                $"the batch observes {batch.ObservedFrames} of {frames} frames; the roll-out needs {(teacherForcing > 0 ? frames : warmupFrames)}", nameof(batch));
        using var scope = NewDisposeScope();
        var statics = batch.Statics;                                                       // [b, S, y, x]
        var bed = statics.narrow(1, 0, 1);
        var (slopeX, slopeY) = MapSlopes.Central(bed);                                     // [b, 1, y, x] each
        var breach = statics.narrow(1, BreachStatic, 1);
        var inflow = batch.Forcing.select(2, InflowForcing);                              // [b, time]
        var fixedMaps = cat([statics, slopeX, slopeY], 1);                                // [b, S + 2, y, x]
        var depth = batch.Depth.select(1, warmupFrames - 1).unsqueeze(1);                // [b, 1, y, x]
        var predictions = new List<Tensor>();
        var logits = new List<Tensor>();
        for (var t = warmupFrames - 1; t < frames - 1; t++)
        {
            using var step = NewDisposeScope();
            if (t > warmupFrames - 1 && teacherForcing > 0 && (random ?? Random.Shared).NextDouble() < teacherForcing)
                depth = batch.Depth.select(1, t).unsqueeze(1);
            // The step's inflow volume (trapezoid), in scaled depth summed over cells, [b, 1, 1, 1], is poured into the
            // breach cell first (the source term of a finite-volume update); the network then only moves water around.
            var added = ((inflow.select(1, t) + inflow.select(1, t + 1)) * 0.5 * inflowDepth).reshape(-1, 1, 1, 1);
            var filled = depth + breach * added;
            var surface = bed + filled * depthToBed;                                      // [b, 1, y, x], bed units
            var (surfaceX, surfaceY) = MapSlopes.Central(surface);
            Tensor[] parts = batch.Extra is null
                ? [filled, (filled > 0).to(depth.dtype), fixedMaps, breach * added, surface, surfaceX, surfaceY]
                : [filled, (filled > 0).to(depth.dtype), fixedMaps, breach * added, surface, surfaceX, surfaceY,
                    batch.Extra.select(1, t + 1)];
            var output = head.forward(unet.forward(cat(parts, 1)));                       // [b, 2, y, x]
            // depth = ReLU(filled + change) x sigmoid(wet logit) x open, the same in training and evaluation: the hard
            // wet/dry step of DepthOutput deletes water where the gate is unsure, and a conserving model must not (it
            // emptied whole maps early in training). Training leaks below zero, as DepthOutput does, so dry cells learn.
            var logit = output.narrow(1, 1, 1);
            var raw = filled + output.narrow(1, 0, 1);
            var next = (training ? raw.leaky_relu(0.01) : raw.relu()) * logit.sigmoid() * batch.Open;
            // Water travels a bounded distance in one step (a flood front, like a solver's CFL condition): cells beyond
            // the reach of the wet ones stay dry. Without it an untrained network, and the volume rescaling below, leave
            // films everywhere that grow into floods in places no water can reach.
            var wet = (filled > wetDepth).to(depth.dtype);
            var reach = nn.functional.max_pool2d(wet, 2 * ReachCells + 1, stride: 1, padding: ReachCells);
            next = next * reach;
            // Volume: rescaled to what was there plus the inflow. Scaling down is always safe (an untrained network
            // leaves a film everywhere); scaling up is bounded so that a step that nearly empties the map cannot blow up
            // a few cells.
            var target = filled.clamp_min(0).sum([2, 3], keepdim: true);                  // [b, 1, 1, 1]
            var total = next.clamp_min(0).sum([2, 3], keepdim: true);
            next = next * (target / total.clamp_min(1e-6)).clamp_max(4.0);
            depth = next.MoveToOuterDisposeScope();
            predictions.Add(depth);
            logits.Add(logit.MoveToOuterDisposeScope());
        }
        // [b, time - warmup, y, x]
        return new MapRollout(cat(predictions, 1).MoveToOuterDisposeScope(), cat(logits, 1).MoveToOuterDisposeScope());
    }
}
