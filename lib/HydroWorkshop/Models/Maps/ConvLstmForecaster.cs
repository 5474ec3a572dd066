using HydroWorkshop.FloodData;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HydroWorkshop.Models.Maps;

/// <summary>
/// Encoder–forecaster ConvLSTM (after Shi et al. 2015) that rolls an event forward one depth map at a time.
/// At step t it reads the depth at frame t (observed during the warm-up, else its own last prediction), the static
/// maps and the forcing of frame t+1 broadcast as maps (plus any extra maps of frame t+1); a strided CNN encodes
/// them to a grid 4x coarser, a ConvLSTM carries the flow's state there, and a transposed-CNN decoder with a skip
/// connection from the full-resolution inputs predicts the depth change and a wet/dry gate.
/// Depth(t+1) = ReLU(depth(t) + change) x gate x open (<see cref="DepthOutput"/>): never negative, always 0 in solid
/// cells, exactly 0 where the model judges a cell dry.
/// Grid rows and columns must be multiples of 4.
/// </summary>
public sealed class ConvLstmForecaster : nn.Module, IMapModel
{
    public ConvLstmForecaster(MapInputs inputs, int features = 16, int hiddenChannels = 32, int numLayers = 1, int kernelSize = 3,
        bool peephole = false) : base(nameof(ConvLstmForecaster))
    {
        if (inputs.Rows % 4 != 0 || inputs.Columns % 4 != 0)
            throw new ArgumentException(
                $"ConvLstmForecaster: grid {inputs.Rows} x {inputs.Columns} must be a multiple of 4 in both directions", nameof(inputs));
        Inputs = inputs;
        var channels = 1 + inputs.FrameChannels;                                  // depth + statics + forcing + extra
        register_module("encoder", encoder = nn.Sequential(
            nn.Conv2d(channels, features, 3, stride: 2, padding: 1), nn.ReLU(),            // [b, f, y/2, x/2]
            nn.Conv2d(features, 2 * features, 3, stride: 2, padding: 1), nn.ReLU()));      // [b, 2f, y/4, x/4]
        register_module("conv_lstm", convLstm = new ConvLstm(2 * features, hiddenChannels, kernelSize, numLayers, peephole));
        register_module("decoder", decoder = nn.Sequential(
            nn.ConvTranspose2d(hiddenChannels, features, 4, stride: 2, padding: 1), nn.ReLU(),   // [b, f, y/2, x/2]
            nn.ConvTranspose2d(features, features, 4, stride: 2, padding: 1), nn.ReLU()));      // [b, f, y, x]
        register_module("head", head = nn.Conv2d(features + channels, 2, 3, padding: 1));       // [b, 2 (change, wet logit), y, x]
        DepthOutput.Initialise(head);
    }

    public MapInputs Inputs { get; }

    private readonly Sequential encoder;
    private readonly ConvLstm convLstm;
    private readonly Sequential decoder;
    private readonly Conv2d head;

    public MapRollout Rollout(MapBatch batch, int warmupFrames, double teacherForcing = 0, Random? random = null)
    {
        var frames = (int)batch.Frames;
        if (warmupFrames < 1 || warmupFrames >= frames)
            throw new ArgumentOutOfRangeException(nameof(warmupFrames), $"warm-up must be 1..{frames - 1} frames (got {warmupFrames})");
        if (batch.ObservedFrames < (teacherForcing > 0 ? frames : warmupFrames))
            throw new ArgumentException($"the batch observes {batch.ObservedFrames} of {frames} frames: the warm-up needs {warmupFrames}" +
                (teacherForcing > 0 ? ", teacher forcing all of them" : ""), nameof(batch));
        using var scope = NewDisposeScope();
        var (b, rows, columns) = (batch.Size, batch.Rows, batch.Columns);
        var forcingMaps = batch.Forcing[.., .., .., TensorIndex.None, TensorIndex.None]
            .expand(b, frames, batch.Forcing.size(2), rows, columns);               // [b, time, forcings, y, x]
        IReadOnlyList<(Tensor h, Tensor c)>? state = null;
        var depth = batch.Depth.select(1, 0).unsqueeze(1);                          // [b, 1, y, x]
        var predictions = new List<Tensor>();
        var logits = new List<Tensor>();
        for (var t = 0; t < frames - 1; t++)
        {
            // One scope per step keeps memory flat in a long roll-out; autograd holds what backward needs.
            using var step = NewDisposeScope();
            var observed = t < warmupFrames || (teacherForcing > 0 && (random ?? Random.Shared).NextDouble() < teacherForcing);
            if (observed) depth = batch.Depth.select(1, t).unsqueeze(1);
            Tensor[] parts = batch.Extra is null
                ? [depth, batch.Statics, forcingMaps.select(1, t + 1)]
                : [depth, batch.Statics, forcingMaps.select(1, t + 1), batch.Extra.select(1, t + 1)];
            var x = cat(parts, 1);                                                   // [b, channels, y, x]
            var next = convLstm.Step(encoder.forward(x), state);                     // h: [b, hidden, y/4, x/4]
            foreach (var (h, c) in next) { h.MoveToOuterDisposeScope(); c.MoveToOuterDisposeScope(); }
            state = next;
            if (t + 1 < warmupFrames) continue;                                      // warm-up: no output needed
            var output = head.forward(cat([decoder.forward(next[^1].h), x], 1));    // [b, 2, y, x]
            var (nextDepth, logit) = DepthOutput.Apply(output, depth, batch.Open, training);
            depth = nextDepth.MoveToOuterDisposeScope();
            predictions.Add(depth);
            logits.Add(logit.MoveToOuterDisposeScope());
        }
        // [b, time - warmup, y, x] each
        return new MapRollout(cat(predictions, 1).MoveToOuterDisposeScope(), cat(logits, 1).MoveToOuterDisposeScope());
    }
}
