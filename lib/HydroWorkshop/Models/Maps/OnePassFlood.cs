using HydroWorkshop.FloodData;
using HydroWorkshop.Physics;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Maps;

/// <summary>
/// A flood surrogate that predicts a whole event in one network pass, for speed: a <see cref="DeepUNet"/> reads the
/// terrain (bed, slopes, obstacles, breach cell), the initial depth and the event's inflow volumes, and gives each cell its
/// depth and wet/dry logit at keyframes every <see cref="KeyframeEvery"/> frames; the frames between are interpolated
/// linearly. Where <see cref="FloodStepper"/> runs its network 96 times per 48 h event and <see cref="CoarseRefiner"/>
/// needs a coarse simulation first, this runs it once, so it can be two orders of magnitude faster than the solver.
/// The price: the network must place the water of hours ahead from the terrain alone, which the stepper builds up step by
/// step, and a front that moves within 2 h is a straight line in time between keyframes.
/// <para>
/// Still local and driven by its inputs: the network is fully convolutional (the breach cell is an input map, so a breach
/// elsewhere is the same computation shifted), and the event's volumes join at the bottom of the U-Net for every cell.
/// </para>
/// <para>
/// Physics it keeps by construction: depth ≥ 0 (in evaluation; training lets a little negative depth through, as
/// <see cref="FloodStepper"/> does), solid cells dry, and each frame's volume equal to the initial volume plus
/// the inflow poured since (trapezoid per frame, as <see cref="FloodStepper"/> pours it), by rescaling (at most 4x up;
/// what that cannot restore comes back as the first guess's share: the fill-and-spill map's, or the coarse run's).
/// </para>
/// <para>
/// With a coarse simulation (data: coarse_solver F; the last extra map is its depth, as for <see cref="CoarseRefiner"/>)
/// the first guess is that run instead: its keyframes join the inputs, and each frame is the coarse frame plus the
/// network's correction interpolated between keyframes, so a new model returns the coarse run. One network pass on top
/// of a run F times coarser: the correction of <see cref="CoarseRefiner"/> at the cost of one frame's pass, not 96.
/// </para>
/// Inputs (<see cref="MapBatch"/>): statics [b, S, y, x] with the scaled bed first; forcing [b, time, F] with the scaled
/// inflow discharge at <see cref="InflowForcing"/>; the observed depth of frame warm-up − 1; with a coarse run, extra
/// maps [b, time, E, y, x], the last its depth. Built for events of <see cref="Frames"/> frames.
/// </summary>
public sealed class OnePassFlood : nn.Module, IMapModel, IUsesMapScales
{
    /// <param name="inputs">Channels and grid of the batches (rows and columns divisible by 16).</param>
    /// <param name="breachStatic">Index of the breach map (1 at the cell where the inflow enters) among the static maps.</param>
    /// <param name="inflowForcing">Index of the inflow discharge (m3/s before scaling) among the forcings.</param>
    /// <param name="frameSeconds">Time between frames (s).</param>
    /// <param name="cellArea">Area of one cell (m2).</param>
    /// <param name="frames">Frames per event (97 for 48 h every 30 min).</param>
    /// <param name="width">Output channels of the U-Net (and at half resolution; up to 4x that below).</param>
    /// <param name="keyframeEvery">Frames between keyframes.</param>
    public OnePassFlood(MapInputs inputs, int breachStatic, int inflowForcing, double frameSeconds, double cellArea, int frames,
        int width = 16, int keyframeEvery = DefaultKeyframeEvery) : base(nameof(OnePassFlood))
    {
        if (inputs.Rows % 16 != 0 || inputs.Columns % 16 != 0)
            throw new ArgumentException($"OnePassFlood needs a grid divisible by 16, got {inputs.Rows} x {inputs.Columns}", nameof(inputs));
        if (breachStatic < 0 || breachStatic >= inputs.Statics)
            throw new ArgumentOutOfRangeException(nameof(breachStatic),
                $"the breach map is static {breachStatic}, but there are {inputs.Statics} static maps");
        if (inflowForcing < 0 || inflowForcing >= inputs.Forcings)
            throw new ArgumentOutOfRangeException(nameof(inflowForcing),
                $"the inflow is forcing {inflowForcing}, but there are {inputs.Forcings} forcings");
        if (!(frameSeconds > 0) || !(cellArea > 0))
            throw new ArgumentOutOfRangeException(!(frameSeconds > 0) ? nameof(frameSeconds) : nameof(cellArea),
                $"frame interval {frameSeconds} s and cell area {cellArea} m2 must be positive");
        if (frames < 2) throw new ArgumentOutOfRangeException(nameof(frames), frames, "an event needs at least 2 frames");
        if (keyframeEvery < 1) throw new ArgumentOutOfRangeException(nameof(keyframeEvery), keyframeEvery, "at least 1 frame");
        Inputs = inputs;
        BreachStatic = breachStatic;
        InflowForcing = inflowForcing;
        FrameSeconds = frameSeconds;
        CellArea = cellArea;
        Frames = frames;
        KeyframeEvery = keyframeEvery;
        Keyframes = KeyframesOf(frames, keyframeEvery);
        // statics, bed slopes x and y, initial depth and its wet map, spill elevation and steps from the breach, the
        // fill-and-spill depth of each keyframe's volume, and the coarse run's depth at each keyframe where there is one
        Coarse = inputs.Extra > 0;
        unet = new DeepUNet(inputs.Statics + 6 + Keyframes.Count * (Coarse ? 2 : 1), Keyframes.Count, width);
        head = nn.Conv2d(width, 2 * Keyframes.Count, 1);
        // A zero head gives the first guess itself (the fill-and-spill maps interpolated between keyframes, or the coarse
        // run's frames; films under 1 mm go to the wetter cells, as their gate starts nearly closed): training starts from
        // it, as CoarseRefiner starts from its coarse run.
        using (no_grad())
        {
            head.weight.zero_();
            head.bias!.zero_();
        }
        // Set by UseScales and kept in the checkpoint (as in FloodStepper): scaled depth summed over cells per unit of
        // scaled inflow per frame, scaled depth to scaled bed units, and 1 mm in scaled depth.
        inflowDepth = zeros(1);
        depthToBed = zeros(1);
        wetDepth = zeros(1);
        // Only with a coarse run, so that the checkpoints of the plain model keep their entries.
        coarseToDepth = Coarse ? zeros(1) : null;
        RegisterComponents();
    }

    /// <summary>The default <see cref="KeyframeEvery"/>: 4 frames, 2 h of a 30 min event.</summary>
    public const int DefaultKeyframeEvery = 4;

    public MapInputs Inputs { get; }
    public int BreachStatic { get; }
    public int InflowForcing { get; }
    public double FrameSeconds { get; }
    public double CellArea { get; }
    public int Frames { get; }
    public int KeyframeEvery { get; }

    /// <summary>Whether the first guess is a coarse simulation (the last extra map) instead of the fill-and-spill maps.</summary>
    public bool Coarse { get; }

    /// <summary>The frames the network predicts: 0, every <see cref="KeyframeEvery"/>-th, and the last.</summary>
    public IReadOnlyList<int> Keyframes { get; }

    private readonly DeepUNet unet;
    private readonly Conv2d head;
    private readonly Tensor inflowDepth, depthToBed, wetDepth;
    private readonly Tensor? coarseToDepth;

    /// <summary>The wet/dry logit the fill-and-spill map gives a keyframe: + where it is wet, − where dry; the head adds
    /// its correction.</summary>
    public const double FillGateLogit = 3.0;

    /// <summary>The spill elevation and steps of cells no water can reach (solid, or cut off by solid cells): beyond
    /// those of any reachable cell of a normal terrain.</summary>
    public const float Unreached = 10f;

    /// <summary>Frames 0, <paramref name="every"/>, 2 x <paramref name="every"/>, ... and the last.</summary>
    public static IReadOnlyList<int> KeyframesOf(int frames, int every) =>
        [.. Enumerable.Range(0, (frames - 2) / every + 1).Select(k => k * every), frames - 1];

    /// <summary>Linear interpolation between keyframes: weights [frames, keyframes], each row summing to 1.</summary>
    public static float[,] InterpolationWeights(int frames, IReadOnlyList<int> keyframes)
    {
        var weights = new float[frames, keyframes.Count];
        for (var k = 0; k + 1 < keyframes.Count; k++)
            for (var t = keyframes[k]; t <= keyframes[k + 1]; t++)
            {
                var after = (float)(t - keyframes[k]) / (keyframes[k + 1] - keyframes[k]);
                weights[t, k] = 1 - after;
                weights[t, k + 1] = after;
            }
        return weights;
    }

    public void UseScales(MapScales scales)
    {
        using var noGrad = no_grad();
        inflowDepth.fill_(scales.InflowDepthPerFrame(InflowForcing, FrameSeconds, CellArea));
        depthToBed.fill_(scales.DepthToBed);
        wetDepth.fill_(scales.ScaledDepth(0.001));
        coarseToDepth?.fill_(scales.Extra[Inputs.Extra - 1] / scales.Depth);
    }

    /// <summary>The factor <see cref="UseScales"/> set (0 before).</summary>
    public double InflowDepthFactor => inflowDepth.item<float>();

    /// <summary>Predicts frames [<paramref name="warmupFrames"/>, time) from frame warm-up − 1 and the inflow; teacher
    /// forcing does not apply (nothing is fed back).</summary>
    public MapRollout Rollout(MapBatch batch, int warmupFrames, double teacherForcing = 0, Random? random = null)
    {
        var frames = (int)batch.Frames;
        if (frames != Frames)
            throw new ArgumentException($"OnePassFlood was built for events of {Frames} frames; the batch has {frames}", nameof(batch));
        if (warmupFrames < 1 || warmupFrames >= frames)
            throw new ArgumentOutOfRangeException(nameof(warmupFrames), $"warm-up must be 1..{frames - 1} frames (got {warmupFrames})");
        if (Coarse && (batch.Extra is null || batch.Extra.size(2) != Inputs.Extra))
            throw new ArgumentException(
                $"OnePassFlood was built for {Inputs.Extra} extra map(s) per frame, the last the coarse depth; the batch has " +
                $"{(batch.Extra is null ? 0 : batch.Extra.size(2))}", nameof(batch));
        using var scope = NewDisposeScope();
        var (b, n) = (batch.Size, (long)(frames - warmupFrames));
        var (rows, columns) = (batch.Rows, batch.Columns);
        var statics = batch.Statics;                                                           // [b, S, y, x]
        var (slopeX, slopeY) = MapSlopes.Central(statics.narrow(1, 0, 1));
        var initial = batch.Depth.select(1, warmupFrames - 1).unsqueeze(1);                  // [b, 1, y, x]
        // Volume (scaled depth summed over cells) at each frame: the initial map plus the inflow poured since.
        var inflow = batch.Forcing.select(2, InflowForcing);                                  // [b, time]
        var poured = ((inflow.narrow(1, 0, frames - 1) + inflow.narrow(1, 1, frames - 1)) * 0.5 * inflowDepth).cumsum(1);
        poured = cat([zeros(b, 1, dtype: poured.dtype, device: poured.device), poured], 1);  // [b, time]
        var volume = (initial * batch.Open).clamp_min(0).sum([1, 2, 3]).unsqueeze(1) + poured
            - poured.narrow(1, warmupFrames - 1, 1);
        var keyframes = tensor(Keyframes.Select(k => (long)k).ToArray(), device: volume.device);
        var keyVolumes = volume.index_select(1, keyframes);                                   // [b, K]
        var (fill, reach) = FillMaps(statics.narrow(1, 0, 1), statics.narrow(1, BreachStatic, 1), batch.Open, keyVolumes);
        var maps = cat([statics, slopeX, slopeY, initial, (initial > wetDepth).to(initial.dtype), reach, fill], 1);
        // The first guess of every frame [b, n, y, x]: the fill-and-spill maps interpolated between keyframes, or the
        // coarse run's own frames.
        var count = Keyframes.Count;
        var weights = tensor(InterpolationWeights(frames, Keyframes), device: maps.device).narrow(0, warmupFrames, n); // [n, K]
        Tensor AllFrames(Tensor keys) => matmul(weights, keys.reshape(b, count, rows * columns)).reshape(b, n, rows, columns);
        // The gate's own first guess: + where that guess is wet, − where dry (for the fill-and-spill maps, interpolated
        // between keyframes like them).
        Tensor Gate(Tensor map) => (2 * (map > wetDepth).to(map.dtype) - 1) * FillGateLogit;
        Tensor guess, gate;
        if (coarseToDepth is { } toDepth)
        {
            var coarse = (batch.Extra!.select(2, Inputs.Extra - 1) * toDepth).clamp_min(0) * batch.Open; // [b, time, y, x]
            maps = cat([maps, coarse.index_select(1, keyframes)], 1);
            guess = coarse.narrow(1, warmupFrames, n);
            gate = Gate(guess);
        }
        else (guess, gate) = (AllFrames(fill), AllFrames(Gate(fill)));
        var output = head.forward(unet.forward(maps, keyVolumes / (rows * columns)));         // [b, 2K, y, x]
        var raw = guess + AllFrames(output.narrow(1, 0, count));                               // [b, n, y, x]
        var logit = AllFrames(output.narrow(1, count, count)) + gate;
        // The gate stays soft in evaluation, as in FloodStepper: a hard step would delete water the volume rule needs.
        var depth = (training ? raw.leaky_relu(0.01) : raw.relu()) * logit.sigmoid() * batch.Open;
        var target = volume.narrow(1, warmupFrames, n).reshape(b, n, 1, 1);
        var total = depth.clamp_min(0).sum([2, 3], keepdim: true);
        var scale = (target / total.clamp_min(1e-6)).clamp_max(4.0);
        // Where even 4x cannot restore the frame's volume (the network dried most of the flood), the rest is poured
        // back as the first guess's share of it, as CoarseRefiner falls back on its coarse run: the frame tends to the
        // first guess instead of losing water.
        var guessOpen = guess * batch.Open;                                                   // [b, n, y, x]
        var missing = (target - total * scale).clamp_min(0);
        depth = depth * scale + guessOpen * (missing / guessOpen.sum([2, 3], keepdim: true).clamp_min(1e-6));
        return new MapRollout(depth.MoveToOuterDisposeScope(), logit.MoveToOuterDisposeScope());
    }

    /// <summary>What <see cref="FillAndSpill"/> knows from the breach cell of each event: bed, breach, open [b, 1, y, x] and
    /// volumes [b, K] (scaled depth summed over cells) → the fill-and-spill depth of each volume [b, K, y, x] (scaled
    /// depth), and [b, 2, y, x]: the spill elevation above the breach's bed (scaled bed units, <see cref="Unreached"/>
    /// where no water can go) and the steps from the breach per grid side (<see cref="Unreached"/> there too). Computed on
    /// the CPU, without gradient (inputs, like the terrain).</summary>
    private (Tensor Fill, Tensor Reach) FillMaps(Tensor bed, Tensor breach, Tensor open, Tensor volumes)
    {
        var (b, count, rows, columns) = ((int)bed.size(0), (int)volumes.size(1), (int)bed.size(2), (int)bed.size(3));
        var cells = rows * columns;
        float[] Values(Tensor map) => map.detach().cpu().to(ScalarType.Float32).contiguous().data<float>().ToArray();
        var (beds, breaches, opens) = (Values(bed), Values(breach), Values(open));
        var levels = volumes.detach().cpu().to(ScalarType.Float64).data<double>().ToArray();
        var factor = depthToBed.item<float>();
        if (!(factor > 0)) throw new InvalidOperationException("OnePassFlood needs its scales before a roll-out (UseScales)");
        var maps = new float[b * count * cells];
        var reach = new float[b * 2 * cells];
        var sources = new int[b];
        for (var e = 0; e < b; e++)
        {
            for (var i = 1; i < cells; i++)
                if (breaches[e * cells + i] > breaches[e * cells + sources[e]]) sources[e] = i;
            if (!(breaches[e * cells + sources[e]] > 0))
                throw new ArgumentException(
                    $"event {e} of the batch has no breach cell: its breach map (static {BreachStatic}) is 0 everywhere");
        }
        Parallel.For(0, b, e =>
        {
            var source = sources[e];
            // The inflow enters at the breach cell whatever the obstacle map says there: the fill starts from it.
            var isOpen = opens.AsSpan(e * cells, cells).ToArray().Select(v => v > 0.5f).ToArray();
            isOpen[source] = true;
            var fill = new FillAndSpill(beds.AsSpan(e * cells, cells), isOpen, rows, columns, source);
            var spill = fill.SpillElevation();
            var steps = fill.Steps();
            for (var i = 0; i < cells; i++)
            {
                reach[e * 2 * cells + i] = double.IsFinite(spill[i]) ? (float)(spill[i] - beds[e * cells + source]) : Unreached;
                reach[(e * 2 + 1) * cells + i] = steps[i] >= 0 ? (float)steps[i] / Math.Max(rows, columns) : Unreached;
            }
            for (var k = 0; k < count; k++)
            {
                var map = maps.AsSpan((e * count + k) * cells, cells);
                fill.Depth(Math.Max(0, levels[e * count + k]) * factor, map);
                for (var i = 0; i < cells; i++) map[i] /= factor;
            }
        });
        return (tensor(maps, [b, count, rows, columns], device: bed.device), tensor(reach, [b, 2, rows, columns], device: bed.device));
    }
}
